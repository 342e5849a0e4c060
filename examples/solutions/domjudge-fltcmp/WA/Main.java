// domjudge-fltcmp, expected WA: formats with two decimals ("0.33").
import java.util.Locale;
import java.util.Scanner;

public class Main {
    static double parse(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        if (t.endsWith("inf") || t.endsWith("infinity")) return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        if (t.endsWith("nan")) return Double.NaN;
        return Double.parseDouble(t);
    }

    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        for (int i = 0; i < n; i++) {
            System.out.println(String.format(Locale.ROOT, "%.2f", 1.0 / parse(in.next())));
        }
    }
}
