// domjudge-fibonacci, expected AC: fast doubling, O(log n).
//   F(2k) = F(k) * (2F(k+1) - F(k)),  F(2k+1) = F(k)^2 + F(k+1)^2
const MOD: u64 = 1_000_000_007;

fn fib(n: u64) -> (u64, u64) {
    if n == 0 {
        return (0, 1);
    }
    let (a, b) = fib(n / 2);
    let c = a * ((2 * b + MOD - a) % MOD) % MOD;
    let d = (a * a + b * b) % MOD;
    if n % 2 == 0 { (c, d) } else { (d, (c + d) % MOD) }
}

fn main() {
    let mut line = String::new();
    std::io::stdin().read_line(&mut line).unwrap();
    let n: u64 = line.trim().parse().unwrap();
    println!("{}", fib(n).0);
}
