// reverse-words, expected AC: getline + istringstream.
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main() {
    std::ios::sync_with_stdio(false);
    std::string line;
    std::getline(std::cin, line);
    int n = std::stoi(line);
    for (int i = 0; i < n; i++) {
        std::getline(std::cin, line);
        std::istringstream words(line);
        std::vector<std::string> v;
        for (std::string w; words >> w;) v.push_back(w);
        for (size_t j = v.size(); j-- > 0;) std::cout << v[j] << (j ? " " : "");
        std::cout << '\n';
    }
    return 0;
}
