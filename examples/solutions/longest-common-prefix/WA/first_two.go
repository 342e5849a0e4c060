// compares the first two strings only
func longestCommonPrefix(strs []string) string {
    if len(strs) == 1 {
        return strs[0]
    }
    n := 0
    for n < len(strs[0]) && n < len(strs[1]) && strs[0][n] == strs[1][n] {
        n++
    }
    return strs[0][:n]
}
