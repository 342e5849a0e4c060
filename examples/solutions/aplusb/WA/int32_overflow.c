/* aplusb, expected WA: int is 32 bits, so 2000000000 + 2000000000 wraps around
 * (strictly: signed overflow; gcc on x86-64 wraps). Passes the sample. */
#include <stdio.h>

int main(void) {
    int a, b;
    if (scanf("%d %d", &a, &b) != 2) return 1;
    int sum = a + b;
    printf("%d\n", sum);
    return 0;
}
