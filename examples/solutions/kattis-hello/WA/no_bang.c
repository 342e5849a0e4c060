/* kattis-hello, expected WA: forgets the exclamation mark ("Hello World"). */
#include <stdio.h>

int main(void) {
    puts("Hello World");
    return 0;
}
