class Solution {
    fun transpose(matrix: Array<IntArray>): Array<IntArray> =
        Array(matrix[0].size) { j -> IntArray(matrix.size) { i -> matrix[i][j] } }
}
