// reverse-words, expected AC.
const lines = require('fs').readFileSync(0, 'utf8').split('\n');
const n = parseInt(lines[0], 10);
const out = [];
for (let i = 1; i <= n; i++) {
  out.push(lines[i].split(/\s+/).filter((w) => w.length > 0).reverse().join(' '));
}
process.stdout.write(out.join('\n') + '\n');
