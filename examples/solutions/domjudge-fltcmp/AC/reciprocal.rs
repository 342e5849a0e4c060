// domjudge-fltcmp, expected AC. Rust's f64 parser accepts "+0", "2E0", "Inf"
// and "nan" (case-insensitive); Display prints "inf" and "NaN".
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    for token in tokens.take(n) {
        let x: f64 = token.parse().unwrap();
        println!("{}", 1.0 / x);
    }
}
