public class Solution {
    public string LongestCommonPrefix(string[] strs) {
        int n = strs.Min(s => s.Length);
        int i = 0;
        while (i < n && strs.All(s => s[i] == strs[0][i])) i++;
        return strs[0].Substring(0, i);
    }
}
