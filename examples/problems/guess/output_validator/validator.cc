// Interactive validator of "Guess the Number" (ICPC problem package format).
// Run as `validator input answer feedback_dir`: stdin is the submission's output, stdout its input.
// Exit 42: accepted, 43: wrong answer, the reason in feedback_dir/judgemessage.txt.
#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include "protocol.h"

static std::string feedback;

[[noreturn]] static void verdict(int code, const std::string &message) {
  std::ofstream(feedback + "/judgemessage.txt") << message << "\n";
  std::exit(code);
}

int main(int argc, char **argv) {
  if (argc < 4) return 1;
  // A submission that is gone shows as the end of its output, not as a SIGPIPE here.
  std::signal(SIGPIPE, SIG_IGN);
  feedback = argv[3];
  long long n = 0, secret = 0;
  std::ifstream(argv[1]) >> n >> secret;
  std::cout << n << std::endl;
  const int limit = question_limit(n);
  int asked = 0;
  std::string line;
  while (true) {
    if (!std::getline(std::cin, line))
      verdict(43, "the program ended after " + std::to_string(asked) + " questions without finding the number");
    long long y;
    std::string error;
    if (!parse_question(line, n, y, error)) verdict(43, "question " + std::to_string(asked + 1) + ": " + error);
    if (++asked > limit) verdict(43, "more than " + std::to_string(limit) + " questions");
    if (y == secret) break;
    std::cout << (secret < y ? "<" : ">") << std::endl;
  }
  std::cout << "=" << std::endl;
  std::string rest;
  while (std::getline(std::cin, line)) rest += line;
  if (rest.find_first_not_of(" \t\r") != std::string::npos) verdict(43, "output after the number was found");
  verdict(42, "found " + std::to_string(secret) + " in " + std::to_string(asked) + " questions (at most " + std::to_string(limit) + ")");
}
