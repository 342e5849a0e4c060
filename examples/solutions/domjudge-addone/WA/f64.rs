// domjudge-addone, expected WA: f64 arithmetic (Display prints 6.0 as "6", so
// only the 19-digit case goes wrong: 9223372036854775808).
fn main() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let x: f64 = line.trim().parse().unwrap();
    println!("{}", x + 1.0);
}
