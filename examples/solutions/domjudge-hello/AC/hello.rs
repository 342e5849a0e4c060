// domjudge-hello, expected AC (the input (a single number) is ignored).
fn main() {
    println!("Hello world!");
}
