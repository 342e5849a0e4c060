// domjudge-fltcmp, expected WA: prints four decimals (1/3 -> 0.3333, off by 3.3e-5).
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    for token in tokens.take(n) {
        let x: f64 = token.parse().unwrap();
        println!("{:.4}", 1.0 / x);
    }
}
