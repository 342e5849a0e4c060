// kattis-oddecho, expected WA: echoes every word (ignores the interference).
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        for (int i = 0; i < n; i++) {
            System.out.println(in.next());
        }
    }
}
