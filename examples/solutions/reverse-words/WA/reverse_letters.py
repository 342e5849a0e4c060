# reverse-words, expected WA: reverses the letters of every word but keeps the
# word order ("hello world" becomes "olleh dlrow").
import sys

lines = sys.stdin.read().split("\n")
n = int(lines[0])
for i in range(1, n + 1):
    print(" ".join(word[::-1] for word in lines[i].split()))
