// domjudge-largestsum, expected AC: Kadane with long sums, fast tokenizer.
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.StringTokenizer;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in), 1 << 16);
        StringTokenizer tokens = new StringTokenizer("");
        int n = -1;
        long best = Long.MIN_VALUE, cur = 0;
        int seen = 0;
        while (n < 0 || seen < n) {
            while (!tokens.hasMoreTokens()) tokens = new StringTokenizer(in.readLine());
            String t = tokens.nextToken();
            if (n < 0) {
                n = Integer.parseInt(t);
                continue;
            }
            long x = Long.parseLong(t);
            cur = Math.max(x, cur + x);
            best = Math.max(best, cur);
            seen++;
        }
        System.out.println(best);
    }
}
