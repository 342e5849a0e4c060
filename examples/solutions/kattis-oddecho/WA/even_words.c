/* kattis-oddecho, expected WA: 1-based versus 0-based confusion, prints the
 * 2nd, 4th, ... word instead of the 1st, 3rd, ... */
#include <stdio.h>

int main(void) {
    int n;
    char word[128];
    if (scanf("%d", &n) != 1) return 1;
    for (int i = 0; i < n && scanf("%127s", word) == 1; i++) {
        if (i % 2 == 1) puts(word);
    }
    return 0;
}
