// domjudge-addone, expected WA: plain Number is exact only up to 2^53, so the
// largest case prints 9223372036854776000.
const x = Number(require('fs').readFileSync(0, 'utf8').trim());
console.log(String(x + 1));
