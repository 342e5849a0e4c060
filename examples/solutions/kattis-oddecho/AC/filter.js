// kattis-oddecho, expected AC.
const tokens = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = parseInt(tokens[0], 10);
const words = tokens.slice(1, n + 1);
console.log(words.filter((_, i) => i % 2 === 0).join('\n'));
