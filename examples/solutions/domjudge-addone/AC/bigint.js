// domjudge-addone, expected AC: BigInt, since inputs go up to 2^63 - 2 and a
// double is exact only up to 2^53.
const x = BigInt(require('fs').readFileSync(0, 'utf8').trim());
console.log((x + 1n).toString());
