class Solution:
    def transpose(self, matrix: List[List[int]]) -> List[List[int]]:
        # rotates instead of transposing
        return [list(col) for col in zip(*matrix[::-1])]
