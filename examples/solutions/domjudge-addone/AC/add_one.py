# domjudge-addone, expected AC.
print(int(input()) + 1)
