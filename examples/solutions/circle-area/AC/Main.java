// circle-area, expected AC.
import java.util.Locale;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in).useLocale(Locale.ROOT);
        double r = in.nextDouble();
        System.out.println(String.format(Locale.ROOT, "%.9f", Math.PI * r * r));
    }
}
