object Solution {
    def transpose(matrix: Array[Array[Int]]): Array[Array[Int]] = matrix.transpose
}
