// domjudge-hello, expected AC (the input (a single number) is ignored).
console.log('Hello world!');
