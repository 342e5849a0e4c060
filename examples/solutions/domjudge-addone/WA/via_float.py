# domjudge-addone, expected WA: converts through float, losing precision above 2^53.
print(int(float(input())) + 1)
