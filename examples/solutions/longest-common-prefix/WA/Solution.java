class Solution {
    public String longestCommonPrefix(String[] strs) {
        // off by one: drops the prefix's last character
        String p = strs[0];
        for (String s : strs)
            while (!s.startsWith(p)) p = p.substring(0, p.length() - 1);
        return p.isEmpty() ? p : p.substring(0, p.length() - 1);
    }
}
