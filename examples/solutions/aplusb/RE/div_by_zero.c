/* aplusb, expected RE: integer division by zero, killed by SIGFPE (x86-64).
 * The divisor comes from the input (b - b == 0) and goes through a volatile
 * variable, so the compiler can neither fold the division nor drop it. */
#include <stdio.h>

int main(void) {
    long long a, b;
    if (scanf("%lld %lld", &a, &b) != 2) return 1;
    volatile long long divisor = b - b;
    long long quotient = a / divisor;
    printf("%lld\n", quotient + b);
    return 0;
}
