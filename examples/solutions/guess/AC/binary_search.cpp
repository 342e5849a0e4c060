// Binary search, flushing after every question (std::endl flushes).
#include <iostream>
#include <string>
int main() {
  long long n;
  std::cin >> n;
  long long lo = 1, hi = n;
  while (true) {
    long long mid = lo + (hi - lo) / 2;
    std::cout << "? " << mid << std::endl;
    std::string reply;
    if (!(std::cin >> reply) || reply == "=") return 0;
    if (reply == "<") hi = mid - 1; else lo = mid + 1;
  }
}
