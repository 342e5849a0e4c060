class Solution {
public:
    string longestCommonPrefix(vector<string>& strs) {
        string p = strs[0];
        for (auto& s : strs)
            while (s.compare(0, p.size(), p) != 0) p.pop_back();
        return p;
    }
};
