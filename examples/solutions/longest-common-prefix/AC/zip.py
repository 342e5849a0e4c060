class Solution:
    def longestCommonPrefix(self, strs: List[str]) -> str:
        out = []
        for chars in zip(*strs):
            if len(set(chars)) != 1:
                break
            out.append(chars[0])
        return "".join(out)
