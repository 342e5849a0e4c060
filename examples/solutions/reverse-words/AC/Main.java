// reverse-words, expected AC: BufferedReader line by line.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        int n = Integer.parseInt(in.readLine().trim());
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String[] words = in.readLine().trim().split("\\s+");
            for (int j = words.length - 1; j >= 0; j--) {
                out.append(words[j]).append(j > 0 ? ' ' : '\n');
            }
        }
        System.out.print(out);
    }
}
