// domjudge-addone, expected AC.
fn main() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let x: i64 = line.trim().parse().unwrap();
    println!("{}", x + 1);
}
