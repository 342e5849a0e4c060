# domjudge-fltcmp, expected AC. float() parses "+0", "2E0", "Inf" and "nan";
# Python raises on division by zero, so 1/0 is handled by hand (inf, with the
# sign of the zero).
import math
import sys

tokens = sys.stdin.read().split()
n = int(tokens[0])
for token in tokens[1 : n + 1]:
    x = float(token)
    print(math.copysign(math.inf, x) if x == 0 else 1 / x)
