// domjudge-largestsum, expected WA: i32 sums (wrapping, so no panic whatever
// the build flags); the overflow case comes out wrong.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    let mut best = i32::MIN;
    let mut cur = 0i32;
    for token in tokens.take(n) {
        let x: i32 = token.parse().unwrap();
        cur = x.max(cur.wrapping_add(x));
        best = best.max(cur);
    }
    println!("{}", best);
}
