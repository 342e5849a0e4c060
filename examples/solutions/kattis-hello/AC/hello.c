/* kattis-hello, expected AC (no input). */
#include <stdio.h>

int main(void) {
    puts("Hello World!");
    return 0;
}
