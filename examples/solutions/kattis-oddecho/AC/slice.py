# kattis-oddecho, expected AC.
import sys

tokens = sys.stdin.read().split()
n = int(tokens[0])
print("\n".join(tokens[1 : n + 1][::2]))
