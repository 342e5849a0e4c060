// domjudge-fibonacci, expected AC.
#include <cstdint>
#include <iostream>

int main() {
    const std::uint64_t MOD = 1000000007ULL;
    std::uint64_t n, a = 0, b = 1;
    std::cin >> n;
    while (n--) {
        std::uint64_t c = (a + b) % MOD;
        a = b;
        b = c;
    }
    std::cout << a << '\n';
    return 0;
}
