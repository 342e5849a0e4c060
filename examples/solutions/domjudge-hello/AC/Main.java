// domjudge-hello, expected AC (the input (a single number) is ignored).
public class Main {
    public static void main(String[] args) {
        System.out.println("Hello world!");
    }
}
