// domjudge-largestsum, expected PARTIAL: correct Kadane but with int sums (Java
// ints wrap silently). Every group passes except robustness/overflow, whose
// answer 5000000000 does not fit in 32 bits.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StreamTokenizer;

public class Main {
    public static void main(String[] args) throws IOException {
        StreamTokenizer in = new StreamTokenizer(new BufferedReader(new InputStreamReader(System.in)));
        in.nextToken();
        int n = (int) in.nval;
        int best = Integer.MIN_VALUE, cur = 0;
        for (int i = 0; i < n; i++) {
            in.nextToken();
            int x = (int) in.nval;
            cur = Math.max(x, cur + x);
            best = Math.max(best, cur);
        }
        System.out.println(best);
    }
}
