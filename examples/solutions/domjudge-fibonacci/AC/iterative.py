# domjudge-fibonacci, expected AC (1e6 iterations: well under a second).
MOD = 10**9 + 7
n = int(input())
a, b = 0, 1
for _ in range(n):
    a, b = b, (a + b) % MOD
print(a)
