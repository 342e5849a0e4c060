// kattis-hello, expected WA: prints a prompt before the answer, an extra token.
public class Main {
    public static void main(String[] args) {
        System.out.println("Output: Hello World!");
    }
}
