// kattis-oddecho, expected WA: forgets that the first line is the count and
// treats it as a word, so it echoes "N", then the 2nd, 4th, ... word.
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter((l) => l.length > 0);
console.log(lines.filter((_, i) => i % 2 === 0).join('\n'));
