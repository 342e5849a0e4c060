/* domjudge-addone, expected PARTIAL: 32-bit int. Right for every input up to
 * 2^31 - 2 (sample, small, medium, large/1.in), wrong for large/2.in
 * (9223372036854775806). */
#include <stdio.h>

int main(void) {
    int x;
    if (scanf("%d", &x) != 1) return 1;
    printf("%d\n", (int)((unsigned)x + 1u));
    return 0;
}
