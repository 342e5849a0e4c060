// circle-area, expected WA: casts the area to long, dropping the fraction.
import java.util.Locale;
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in).useLocale(Locale.ROOT);
        double r = in.nextDouble();
        long area = (long) (Math.PI * r * r);
        System.out.println(area);
    }
}
