# domjudge-largestsum, expected WA: off-by-one, the last element is never
# considered (range(1, n) instead of range(1, n + 1)).
import sys

data = sys.stdin.read().split()
n = int(data[0])
best = None
cur = 0
for i in range(1, n):
    x = int(data[i])
    cur = x if best is None or cur < 0 else cur + x
    if best is None or cur > best:
        best = cur
print(best if best is not None else 0)
