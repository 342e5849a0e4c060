# circle-area, expected WA: rounds to two decimals, too coarse for small areas
# (0.785398... becomes 0.79).
import math

r = float(input())
print(round(math.pi * r * r, 2))
