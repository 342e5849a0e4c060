// domjudge-fibonacci, expected AC.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        final long MOD = 1_000_000_007L;
        long n = new Scanner(System.in).nextLong();
        long a = 0, b = 1;
        for (long i = 0; i < n; i++) {
            long c = (a + b) % MOD;
            a = b;
            b = c;
        }
        System.out.println(a);
    }
}
