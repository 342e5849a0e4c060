// domjudge-largestsum, expected WA: textbook Kadane that allows the empty
// subarray, so an all-negative array gives 0 instead of its largest element.
#include <algorithm>
#include <iostream>

int main() {
    int n;
    std::cin >> n;
    long long best = 0, cur = 0;
    for (int i = 0; i < n; i++) {
        long long x;
        std::cin >> x;
        cur = std::max(0LL, cur + x);
        best = std::max(best, cur);
    }
    std::cout << best << '\n';
    return 0;
}
