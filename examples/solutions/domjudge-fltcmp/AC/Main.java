// domjudge-fltcmp, expected AC. Double.parseDouble only accepts "Infinity" and
// "NaN", so "Inf"/"nan" are handled by hand. Output uses Java's own names
// ("Infinity", "NaN"), which a float comparator must accept.
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Locale;
import java.util.StringTokenizer;

public class Main {
    static double parse(String token) {
        String t = token.toLowerCase(Locale.ROOT);
        double sign = t.startsWith("-") ? -1.0 : 1.0;
        String body = t.replaceFirst("^[+-]", "");
        if (body.equals("inf") || body.equals("infinity")) return sign * Double.POSITIVE_INFINITY;
        if (body.equals("nan")) return Double.NaN;
        return Double.parseDouble(t);
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        StringBuilder all = new StringBuilder();
        for (String line; (line = in.readLine()) != null;) all.append(line).append(' ');
        StringTokenizer tokens = new StringTokenizer(all.toString());
        int n = Integer.parseInt(tokens.nextToken());
        for (int i = 0; i < n; i++) {
            System.out.println(1.0 / parse(tokens.nextToken()));
        }
    }
}
