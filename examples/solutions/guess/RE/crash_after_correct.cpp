// Finds the number correctly, then exits with code 3: RE after a correct interaction is RE.
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
    std::cin >> reply;
    if (reply == "=") return 3;
    if (reply == "<") hi = mid - 1; else lo = mid + 1;
  }
}
