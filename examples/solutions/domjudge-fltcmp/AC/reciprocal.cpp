// domjudge-fltcmp, expected AC. operator>> on a double rejects "Inf" and
// "nan", so the tokens are read as strings and converted with strtod.
#include <cmath>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <string>

int main() {
    int n;
    std::cin >> n;
    std::cout << std::setprecision(12);
    for (int i = 0; i < n; i++) {
        std::string token;
        std::cin >> token;
        double y = 1.0 / std::strtod(token.c_str(), nullptr);
        if (std::isnan(y)) std::cout << "nan\n";
        else if (std::isinf(y)) std::cout << (y > 0 ? "inf" : "-inf") << '\n';
        else std::cout << y << '\n';
    }
    return 0;
}
