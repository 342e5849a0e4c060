// reverse-words, expected WA: reverses the order of the lines instead of the
// order of the words inside each line.
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const n = parseInt(lines[0], 10);
const body = lines.slice(1, n + 1).map((l) => l.trim().split(/\s+/).join(' '));
console.log(body.reverse().join('\n'));
