// domjudge-fltcmp, expected WA: reads with cin >> double, which fails on "Inf"
// and "nan": x becomes 0, the stream enters the fail state and every later
// value is 0 too, so 1/x prints inf where 0 or nan is expected.
#include <iomanip>
#include <iostream>

int main() {
    int n;
    std::cin >> n;
    std::cout << std::setprecision(12);
    for (int i = 0; i < n; i++) {
        double x = 0;
        std::cin >> x;
        std::cout << 1.0 / x << '\n';
    }
    return 0;
}
