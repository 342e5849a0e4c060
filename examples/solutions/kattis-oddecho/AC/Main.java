// kattis-oddecho, expected AC.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        for (int i = 0; i < n; i++) {
            String word = in.next();
            if (i % 2 == 0) System.out.println(word);
        }
    }
}
