// domjudge-fltcmp, expected WA: parseFloat("Inf") is NaN (JavaScript only knows
// "Infinity"), so 1/Inf comes out as NaN instead of 0.
const tokens = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = parseInt(tokens[0], 10);
for (let i = 1; i <= n; i++) console.log(String(1 / parseFloat(tokens[i])));
