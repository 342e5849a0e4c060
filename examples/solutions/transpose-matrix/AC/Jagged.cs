public class Solution {
    public int[][] Transpose(int[][] matrix) {
        int m = matrix.Length, n = matrix[0].Length;
        var t = new int[n][];
        for (int j = 0; j < n; j++) {
            t[j] = new int[m];
            for (int i = 0; i < m; i++) t[j][i] = matrix[i][j];
        }
        return t;
    }
}
