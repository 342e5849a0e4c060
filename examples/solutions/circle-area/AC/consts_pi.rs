// circle-area, expected AC.
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let r: f64 = input.trim().parse().unwrap();
    println!("{:.9}", std::f64::consts::PI * r * r);
}
