// domjudge-fibonacci, expected WA: uses 1e9+9 instead of 1e9+7 (right for small n only).
#include <iostream>

int main() {
    const long long MOD = 1000000009LL;
    long long n, a = 0, b = 1;
    std::cin >> n;
    for (long long i = 0; i < n; i++) {
        long long c = (a + b) % MOD;
        a = b;
        b = c;
    }
    std::cout << a << '\n';
    return 0;
}
