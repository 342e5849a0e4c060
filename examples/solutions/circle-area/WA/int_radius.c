/* circle-area, expected WA: reads the radius as an integer, so "0.5" is read
 * as 0 and "3.5" as 3. The sample (r = 2) still passes. */
#include <math.h>
#include <stdio.h>

int main(void) {
    int r;
    if (scanf("%d", &r) != 1) return 1;
    printf("%.6f\n", M_PI * r * r);
    return 0;
}
