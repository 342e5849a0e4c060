// domjudge-hello, expected WA: prints "Hello, world!" (extra comma).
#include <iostream>

int main() {
    std::cout << "Hello, world!" << std::endl;
    return 0;
}
