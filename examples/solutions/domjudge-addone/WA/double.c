/* domjudge-addone, expected WA: goes through a double, which cannot represent
 * 9223372036854775806 exactly (prints 9223372036854775808). */
#include <stdio.h>

int main(void) {
    double x;
    if (scanf("%lf", &x) != 1) return 1;
    printf("%.0f\n", x + 1);
    return 0;
}
