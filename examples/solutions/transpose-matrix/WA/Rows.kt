class Solution {
    // copies the rows as they are
    fun transpose(matrix: Array<IntArray>): Array<IntArray> = Array(matrix.size) { matrix[it].copyOf() }
}
