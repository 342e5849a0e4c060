class Solution {
    public int[][] transpose(int[][] matrix) {
        // anti-transpose: flipped over the other diagonal
        int r = matrix.length, c = matrix[0].length;
        int[][] out = new int[c][r];
        for (int i = 0; i < r; i++)
            for (int j = 0; j < c; j++) out[c - 1 - j][r - 1 - i] = matrix[i][j];
        return out;
    }
}
