/* reverse-words, expected WA: reverses the characters of each line instead of
 * the order of the words ("hello world" becomes "dlrow olleh"). Lines with a
 * single one-letter word still come out right. */
#include <stdio.h>
#include <string.h>

static char line[200005];

int main(void) {
    int n;
    if (!fgets(line, sizeof line, stdin) || sscanf(line, "%d", &n) != 1) return 1;
    for (int i = 0; i < n; i++) {
        if (!fgets(line, sizeof line, stdin)) line[0] = '\0';
        size_t len = strcspn(line, "\r\n");
        for (size_t j = len; j-- > 0;) putchar(line[j]);
        putchar('\n');
    }
    return 0;
}
