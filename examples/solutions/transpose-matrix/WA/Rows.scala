object Solution {
    // copies the rows as they are
    def transpose(matrix: Array[Array[Int]]): Array[Array[Int]] = matrix.map(_.clone)
}
