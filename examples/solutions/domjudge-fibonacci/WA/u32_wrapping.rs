// domjudge-fibonacci, expected WA: reduces modulo 2^32 (u32 wrapping) instead
// of 1e9+7; right only while F(n) < 2^32 (n <= 47), and F(45), F(90), F(1e6)
// must be reduced modulo 1e9+7.
fn main() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let n: u64 = line.trim().parse().unwrap();
    let (mut a, mut b) = (0u32, 1u32);
    for _ in 0..n {
        let c = a.wrapping_add(b);
        a = b;
        b = c;
    }
    println!("{}", a);
}
