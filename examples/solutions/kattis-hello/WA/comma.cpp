// kattis-hello, expected WA: prints "Hello, World!" (extra comma).
#include <iostream>

int main() {
    std::cout << "Hello, World!" << std::endl;
    return 0;
}
