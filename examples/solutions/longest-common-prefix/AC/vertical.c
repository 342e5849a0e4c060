char* longestCommonPrefix(char** strs, int strsSize) {
    int n = 0;
    for (;; n++) {
        char c = strs[0][n];
        int same = c != '\0';
        for (int i = 1; i < strsSize && same; i++) same = strs[i][n] == c;
        if (!same) break;
    }
    char* out = malloc(n + 1);
    memcpy(out, strs[0], n);
    out[n] = '\0';
    return out;
}
