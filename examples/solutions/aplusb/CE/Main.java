// aplusb, expected CE: missing semicolon after the declaration of b.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        long a = in.nextLong();
        long b = in.nextLong()
        System.out.println(a + b);
    }
}
