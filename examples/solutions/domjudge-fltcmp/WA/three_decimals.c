/* domjudge-fltcmp, expected WA: prints only three decimals; 1/3 = 0.333 is off
 * by 3.3e-4, far above the 1e-6 tolerance. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    int n;
    char token[256];
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n && scanf("%255s", token) == 1; i++) {
        printf("%.3f\n", 1.0 / strtod(token, NULL));
    }
    return 0;
}
