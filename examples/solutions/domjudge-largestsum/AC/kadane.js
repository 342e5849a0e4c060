// domjudge-largestsum, expected AC: sums stay far below 2^53, Numbers are exact.
const tokens = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = parseInt(tokens[0], 10);
let best = -Infinity;
let cur = 0;
for (let i = 1; i <= n; i++) {
  const x = Number(tokens[i]);
  cur = Math.max(x, cur + x);
  best = Math.max(best, cur);
}
console.log(String(best));
