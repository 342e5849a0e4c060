// kattis-hello, expected AC (no input).
fn main() {
    println!("Hello World!");
}
