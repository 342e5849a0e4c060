// domjudge-fibonacci, expected AC: values stay below 2*MOD < 2^53, Numbers are exact.
const MOD = 1000000007;
const n = parseInt(require('fs').readFileSync(0, 'utf8'), 10);
let a = 0;
let b = 1;
for (let i = 0; i < n; i++) {
  const c = (a + b) % MOD;
  a = b;
  b = c;
}
console.log(String(a));
