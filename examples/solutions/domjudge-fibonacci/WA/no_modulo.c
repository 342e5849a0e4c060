/* domjudge-fibonacci, expected WA: forgets the modulo. Exact up to n = 44,
 * wrong from n = 45 on (unsigned overflow wraps, no crash). */
#include <stdio.h>

int main(void) {
    unsigned long long n, a = 0, b = 1;
    if (scanf("%llu", &n) != 1) return 1;
    for (unsigned long long i = 0; i < n; i++) {
        unsigned long long c = a + b;
        a = b;
        b = c;
    }
    printf("%llu\n", a);
    return 0;
}
