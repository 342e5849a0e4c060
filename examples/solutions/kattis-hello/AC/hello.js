// kattis-hello, expected AC (no input).
console.log('Hello World!');
