class Solution {
public:
    // assumes a square matrix: transposes in place the top-left square only
    vector<vector<int>> transpose(vector<vector<int>>& matrix) {
        size_t n = min(matrix.size(), matrix[0].size());
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) swap(matrix[i][j], matrix[j][i]);
        return matrix;
    }
};
