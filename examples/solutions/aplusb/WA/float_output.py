# aplusb, expected WA: parses the numbers as floats, so it prints "42.0"
# instead of "42" (the token comparison is exact for integers).
a, b = map(float, input().split())
print(a + b)
