// circle-area, expected WA: pi = 3.14 is off by about 5e-4 relative error,
// far above the 1e-6 tolerance.
#include <iomanip>
#include <iostream>

int main() {
    double r;
    std::cin >> r;
    std::cout << std::fixed << std::setprecision(6) << 3.14 * r * r << '\n';
    return 0;
}
