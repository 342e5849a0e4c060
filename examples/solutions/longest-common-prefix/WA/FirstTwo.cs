public class Solution {
    // compares the first two strings only
    public string LongestCommonPrefix(string[] strs) {
        string a = strs[0], b = strs[strs.Length > 1 ? 1 : 0];
        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return a.Substring(0, i);
    }
}
