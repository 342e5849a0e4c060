// domjudge-hello, expected WA: prints the greeting twice.
fn main() {
    for _ in 0..2 {
        println!("Hello world!");
    }
}
