// circle-area, expected WA: computes the circumference 2*pi*r. For the sample
// (r = 2) the circumference and the area happen to be equal, so it passes the
// sample and fails the secret cases.
const r = parseFloat(require('fs').readFileSync(0, 'utf8'));
console.log(2 * Math.PI * r);
