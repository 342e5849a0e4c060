// aplusb, expected WA: forgets to convert the tokens to numbers, so `+`
// concatenates strings: "19" + "23" gives "1923".
const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\s+/);
console.log(a + b);
