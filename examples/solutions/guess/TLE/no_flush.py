# Binary search that forgets to flush: stdout to a pipe is block-buffered (and sys.stdin.readline,
# unlike input(), does not flush it), so the question never reaches the validator, and both wait
# for each other until the wall-clock limit (TLE).
import sys

n = int(sys.stdin.readline())
lo, hi = 1, n
while True:
    mid = (lo + hi) // 2
    print("?", mid)
    reply = sys.stdin.readline().strip()
    if reply == "=":
        break
    if reply == "<":
        hi = mid - 1
    else:
        lo = mid + 1
