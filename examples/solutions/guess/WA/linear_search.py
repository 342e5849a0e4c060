# Asks 1, 2, 3, ...: too many questions. The validator gives up first (WA); this program then
# reads the end of its input and crashes with EOFError, which must not turn the verdict into RE.
n = int(input())
for y in range(1, n + 1):
    print("?", y, flush=True)
    if input().strip() == "=":
        break
