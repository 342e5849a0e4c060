// reverse-words, expected WA: the classic Scanner pitfall. nextInt() leaves the
// end of the first line unread, so the first nextLine() returns "" and the
// last line of the input is never processed.
import java.util.Scanner;

public class Main {
    public static void main(String[] args) {
        Scanner in = new Scanner(System.in);
        int n = in.nextInt();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String[] words = in.nextLine().trim().split("\\s+");
            for (int j = words.length - 1; j >= 0; j--) {
                out.append(words[j]).append(j > 0 ? " " : "");
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
