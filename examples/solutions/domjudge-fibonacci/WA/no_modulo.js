// domjudge-fibonacci, expected WA: forgets the modulo; Numbers lose precision
// beyond 2^53 and reach Infinity for n = 1e6.
const n = parseInt(require('fs').readFileSync(0, 'utf8'), 10);
let a = 0;
let b = 1;
for (let i = 0; i < n; i++) {
  [a, b] = [b, a + b];
}
console.log(String(a));
