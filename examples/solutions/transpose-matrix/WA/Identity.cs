public class Solution {
    public int[][] Transpose(int[][] matrix) {
        return matrix;
    }
}
