// The question format and the question limit of "Guess the Number".
#pragma once
#include <string>
#include <sstream>

// The most questions allowed: ceil(log2(n + 1)), the bit length of n.
inline int question_limit(long long n) {
  int bits = 0;
  while (n > 0) { bits++; n >>= 1; }
  return bits;
}

// Parses "? y" with 1 <= y <= n into y; otherwise returns false with what is wrong in `error`.
inline bool parse_question(const std::string &line, long long n, long long &y, std::string &error) {
  std::istringstream in(line);
  std::string mark, extra;
  if (!(in >> mark >> y) || mark != "?" || (in >> extra)) {
    error = "expected \"? y\", got \"" + line.substr(0, 40) + "\"";
    return false;
  }
  if (y < 1 || y > n) {
    error = std::to_string(y) + " is outside 1.." + std::to_string(n);
    return false;
  }
  return true;
}
