// kattis-oddecho, expected WA: stops at n - 1, so when n is odd the last word
// (which should echo) is missing.
#include <iostream>
#include <string>
#include <vector>

int main() {
    int n;
    std::cin >> n;
    std::vector<std::string> words(n);
    for (auto &w : words) std::cin >> w;
    for (int i = 0; i < n - 1; i += 2) std::cout << words[i] << '\n';
    return 0;
}
