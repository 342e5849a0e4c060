# reverse-words, expected AC.
import sys

lines = sys.stdin.read().split("\n")
n = int(lines[0])
out = [" ".join(reversed(lines[i].split())) for i in range(1, n + 1)]
sys.stdout.write("\n".join(out) + "\n")
