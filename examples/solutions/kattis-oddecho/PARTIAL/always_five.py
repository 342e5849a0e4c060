# kattis-oddecho, expected PARTIAL: assumes N is always 5 (true in subtask 1
# only) and prints words 1, 3 and 5 whatever N is: too few words for N > 5,
# IndexError (run-time error) for N < 5.
import sys

input()
words = [line.strip() for line in sys.stdin]
print(words[0])
print(words[2])
print(words[4])
