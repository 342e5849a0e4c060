// domjudge-addone, expected WA: double arithmetic, printed without decimals;
// wrong for the 19-digit case.
import java.util.Locale;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        double x = new Scanner(System.in).nextDouble();
        System.out.println(String.format(Locale.ROOT, "%.0f", x + 1));
    }
}
