// domjudge-addone, expected WA: int is too small for the largest input. cin
// then fails, stores INT_MAX, and INT_MAX + 1 wraps (done in unsigned to keep
// the overflow well-defined) to -2147483648.
#include <iostream>

int main() {
    int x;
    std::cin >> x;
    std::cout << static_cast<int>(static_cast<unsigned>(x) + 1u) << '\n';
    return 0;
}
