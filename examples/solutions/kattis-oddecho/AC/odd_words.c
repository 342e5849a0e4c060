/* kattis-oddecho, expected AC: print the 1st, 3rd, 5th, ... word. */
#include <stdio.h>

int main(void) {
    int n;
    char word[128];
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n && scanf("%127s", word) == 1; i++) {
        if (i % 2 == 0) puts(word);
    }
    return 0;
}
