// aplusb, expected AC: |a + b| <= 4e9 is exactly representable as a double.
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/).map(Number);
console.log(String(a + b));
