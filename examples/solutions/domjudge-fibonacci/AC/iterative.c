/* domjudge-fibonacci, expected AC: F(n) mod 1e9+7 with F(1) = F(2) = 1, O(n). */
#include <stdio.h>

int main(void) {
    const long long MOD = 1000000007LL;
    long long n, a = 0, b = 1; /* a = F(0), b = F(1) */
    if (scanf("%lld", &n) != 1) return 1;
    for (long long i = 0; i < n; i++) {
        long long c = (a + b) % MOD;
        a = b;
        b = c;
    }
    printf("%lld\n", a);
    return 0;
}
