# domjudge-fibonacci, expected PARTIAL: memoised recursion. Correct, and fast
# enough, but recursion depth grows with n: n = 1e6 exceeds Python's default
# recursion limit (1000) and dies with RecursionError.
MOD = 10**9 + 7
memo = {1: 1, 2: 1}


def fib(n):
    if n not in memo:
        memo[n] = (fib(n - 1) + fib(n - 2)) % MOD
    return memo[n]


print(fib(int(input())))
