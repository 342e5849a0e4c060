// domjudge-fltcmp, expected AC. Number() does not know "Inf" or "nan", so those
// are parsed by hand. Output uses JavaScript's own names: "Infinity", "NaN".
function parse(token) {
  const t = token.toLowerCase();
  const sign = t.startsWith('-') ? -1 : 1;
  const body = t.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  return Number(t);
}

const tokens = require('fs').readFileSync(0, 'utf8').split(/\s+/).filter((t) => t.length > 0);
const n = parseInt(tokens[0], 10);
const out = [];
for (let i = 1; i <= n; i++) out.push(String(1 / parse(tokens[i])));
console.log(out.join('\n'));
