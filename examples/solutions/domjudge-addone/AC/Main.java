// domjudge-addone, expected AC.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        long x = new Scanner(System.in).nextLong();
        System.out.println(x + 1);
    }
}
