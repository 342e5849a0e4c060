// aplusb, expected TLE: spins forever before answering. The counter is
// volatile so the compiler cannot remove the loop (an empty infinite loop
// without side effects is undefined behaviour in C++).
#include <iostream>

int main() {
    long long a, b;
    std::cin >> a >> b;
    volatile unsigned long long spins = 0;
    for (;;) {
        spins = spins + 1;
    }
    std::cout << a + b << '\n';
    return 0;
}
