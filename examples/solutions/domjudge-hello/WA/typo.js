// domjudge-hello, expected WA: typo in the second word.
console.log('Hello wrold!');
