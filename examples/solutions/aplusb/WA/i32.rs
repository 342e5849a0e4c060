// aplusb, expected WA: i32 arithmetic. Plain `a + b` would wrap in a release
// build and panic in a debug build; wrapping_add makes the result the same
// (a wrong answer, exit code 0) whatever the compiler flags.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let v: Vec<i32> = input.split_whitespace().map(|t| t.parse().unwrap()).collect();
    println!("{}", v[0].wrapping_add(v[1]));
}
