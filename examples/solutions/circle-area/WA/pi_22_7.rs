// circle-area, expected WA: approximates pi by 22/7 (relative error ~4e-4).
use std::io::Read;

fn main() {
    let mut input = String::new();
    std::io::stdin().read_to_string(&mut input).unwrap();
    let r: f64 = input.trim().parse().unwrap();
    println!("{}", 22.0 / 7.0 * r * r);
}
