/* domjudge-largestsum, expected WA: Kadane with 32-bit sums, which overflow on
 * the robustness/overflow case (the right answer is 5000000000). The overflow
 * is done in unsigned arithmetic to keep it well-defined. */
#include <stdio.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    int best = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        int x;
        if (scanf("%d", &x) != 1) return 1;
        int extended = (int)((unsigned)cur + (unsigned)x);
        cur = (i == 0 || extended < x) ? x : extended;
        if (i == 0 || cur > best) best = cur;
    }
    printf("%d\n", best);
    return 0;
}
