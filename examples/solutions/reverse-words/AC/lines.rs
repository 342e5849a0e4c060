// reverse-words, expected AC.
use std::io::{Read, Write};

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.lines();
    let n: usize = lines.next().unwrap().trim().parse().unwrap();
    let mut out = String::new();
    for line in lines.take(n) {
        let words: Vec<&str> = line.split_whitespace().rev().collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    std::io::stdout().write_all(out.as_bytes()).unwrap();
}
