// domjudge-largestsum, expected WA: misreads "subarray" as "subset" and adds up
// all positive numbers.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        long sum = 0;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            long x = in.nextLong();
            if (x > 0) sum += x;
            max = Math.max(max, x);
        }
        System.out.println(max > 0 ? sum : max);
    }
}
