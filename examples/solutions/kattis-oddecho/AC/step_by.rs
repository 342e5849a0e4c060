// kattis-oddecho, expected AC.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut tokens = input.split_whitespace();
    let n: usize = tokens.next().unwrap().parse().unwrap();
    for word in tokens.take(n).step_by(2) {
        println!("{}", word);
    }
}
