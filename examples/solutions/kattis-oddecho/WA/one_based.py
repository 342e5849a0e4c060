# kattis-oddecho, expected WA: iterates over 1-based indices 1, 3, 5, ... but
# stops before n, dropping the last word when n is odd.
n = int(input())
words = [input().strip() for _ in range(n)]
for i in range(1, n, 2):
    print(words[i - 1])
