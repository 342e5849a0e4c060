/* domjudge-fltcmp, expected AC: print 1/x for every x. strtod understands
 * "+0", "2E0", "Inf" and "nan"; 1/+0 is inf and 1/inf is 0 in IEEE 754.
 * NaN is printed explicitly so that glibc cannot print "-nan". */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    char token[256];
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n && scanf("%255s", token) == 1; i++) {
        double y = 1.0 / strtod(token, NULL);
        if (isnan(y)) puts("nan");
        else printf("%.12g\n", y);
    }
    return 0;
}
