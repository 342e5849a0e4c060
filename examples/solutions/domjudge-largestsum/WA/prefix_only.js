// domjudge-largestsum, expected WA: only considers subarrays that start at the
// first element (maximum prefix sum).
const tokens = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = parseInt(tokens[0], 10);
let best = -Infinity;
let sum = 0;
for (let i = 1; i <= n; i++) {
  sum += Number(tokens[i]);
  best = Math.max(best, sum);
}
console.log(String(best));
