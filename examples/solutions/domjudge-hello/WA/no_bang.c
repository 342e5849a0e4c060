/* domjudge-hello, expected WA: forgets the exclamation mark ("Hello world"). */
#include <stdio.h>

int main(void) {
    puts("Hello world");
    return 0;
}
