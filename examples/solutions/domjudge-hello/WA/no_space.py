# domjudge-hello, expected WA: the space is missing, so there is one token instead of two.
print("Helloworld!")
