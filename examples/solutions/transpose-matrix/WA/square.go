// assumes a square matrix: transposes the top-left square in place
func transpose(matrix [][]int) [][]int {
    n := min(len(matrix), len(matrix[0]))
    for i := 0; i < n; i++ {
        for j := i + 1; j < n; j++ {
            matrix[i][j], matrix[j][i] = matrix[j][i], matrix[i][j]
        }
    }
    return matrix
}
