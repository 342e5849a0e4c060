/* domjudge-addone, expected AC: the largest input is 2^63 - 2, so x + 1 fits in a long long. */
#include <stdio.h>

int main(void) {
    long long x;
    if (scanf("%lld", &x) != 1) return 1;
    printf("%lld\n", x + 1);
    return 0;
}
