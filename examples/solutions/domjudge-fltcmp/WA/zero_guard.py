# domjudge-fltcmp, expected WA: "avoids" the division by zero by printing 0,
# but 1/0 should be infinity.
import sys

tokens = sys.stdin.read().split()
n = int(tokens[0])
for token in tokens[1 : n + 1]:
    x = float(token)
    print(0 if x == 0 else 1 / x)
