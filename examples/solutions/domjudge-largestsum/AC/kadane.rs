// domjudge-largestsum, expected AC.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    let mut best = i64::MIN;
    let mut cur = 0i64;
    for token in tokens.take(n) {
        let x: i64 = token.parse().unwrap();
        cur = x.max(cur + x);
        best = best.max(cur);
    }
    println!("{}", best);
}
