class Solution {
public:
    string longestCommonPrefix(vector<string>& strs) {
        if (strs.size() == 1) return strs[0];
        size_t n = 0;
        while (n < strs[0].size() && n < strs[1].size() && strs[0][n] == strs[1][n]) n++;
        return strs[0].substr(0, n);
    }
};
