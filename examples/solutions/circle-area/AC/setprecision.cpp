// circle-area, expected AC.
#include <cmath>
#include <iomanip>
#include <iostream>

int main() {
    double r;
    std::cin >> r;
    const double pi = std::acos(-1.0);
    std::cout << std::setprecision(15) << pi * r * r << '\n';
    return 0;
}
