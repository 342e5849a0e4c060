// reverse-words, expected WA: only swaps the first and the last word, which is
// the same as reversing for lines of up to three words but not for longer ones.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let mut lines = input.lines();
    let n: usize = lines.next().unwrap().trim().parse().unwrap();
    for line in lines.take(n) {
        let mut words: Vec<&str> = line.split_whitespace().collect();
        let last = words.len() - 1;
        words.swap(0, last);
        println!("{}", words.join(" "));
    }
}
