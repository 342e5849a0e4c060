// aplusb, expected WA: the inputs fit in an int, so the author used int for
// the sum too; it overflows on the large secret cases. Passes the sample.
#include <iostream>

int main() {
    int a, b;
    std::cin >> a >> b;
    int sum = a + b;
    std::cout << sum << '\n';
    return 0;
}
