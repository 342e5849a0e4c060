/* domjudge-largestsum, expected AC: Kadane's algorithm with 64-bit sums; the
 * subarray must be non-empty, so an all-negative array gives its maximum. */
#include <stdio.h>

int main(void) {
    int n;
    if (scanf("%d", &n) != 1) return 1;
    long long best = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        if (scanf("%lld", &x) != 1) return 1;
        cur = (i == 0 || cur < 0) ? x : cur + x;
        if (i == 0 || cur > best) best = cur;
    }
    printf("%lld\n", best);
    return 0;
}
