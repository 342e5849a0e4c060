// aplusb, expected CE: the closing parenthesis of the if is missing.
#include <iostream>

int main() {
    long long a, b;
    if (!(std::cin >> a >> b) {
        return 1;
    }
    std::cout << a + b << '\n';
    return 0;
}
