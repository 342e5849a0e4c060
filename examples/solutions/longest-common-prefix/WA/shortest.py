class Solution:
    def longestCommonPrefix(self, strs: List[str]) -> str:
        return min(strs, key=len)
