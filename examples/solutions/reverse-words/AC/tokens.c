/* reverse-words, expected AC: read each line whole, split it with strtok. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char line[200005];
static char *words[100005];

int main(void) {
    int n;
    if (!fgets(line, sizeof line, stdin) || sscanf(line, "%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) {
        if (!fgets(line, sizeof line, stdin)) line[0] = '\0';
        int count = 0;
        for (char *w = strtok(line, " \t\r\n"); w; w = strtok(NULL, " \t\r\n")) words[count++] = w;
        for (int j = count - 1; j >= 0; j--) {
            fputs(words[j], stdout);
            putchar(j > 0 ? ' ' : '\n');
        }
        if (count == 0) putchar('\n');
    }
    return 0;
}
