# domjudge-fibonacci, expected WA: starts the sequence at F(0) = F(1) = 1,
# so it prints F(n+1) (89 instead of 55 for the sample).
MOD = 10**9 + 7
n = int(input())
a, b = 1, 1
for _ in range(n):
    a, b = b, (a + b) % MOD
print(a)
