// domjudge-addone, expected AC.
#include <cstdint>
#include <iostream>

int main() {
    std::int64_t x;
    std::cin >> x;
    std::cout << x + 1 << '\n';
    return 0;
}
