/* compares only the first two strings */
char* longestCommonPrefix(char** strs, int strsSize) {
    if (strsSize == 1) return strs[0];
    int n = 0;
    while (strs[0][n] && strs[0][n] == strs[1][n]) n++;
    strs[0][n] = '\0';
    return strs[0];
}
