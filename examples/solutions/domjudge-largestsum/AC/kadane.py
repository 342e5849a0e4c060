# domjudge-largestsum, expected AC.
import sys

data = sys.stdin.buffer.read().split()
n = int(data[0])
best = None
cur = 0
for token in data[1 : n + 1]:
    x = int(token)
    cur = x if cur < 0 or best is None else cur + x
    if best is None or cur > best:
        best = cur
print(best)
