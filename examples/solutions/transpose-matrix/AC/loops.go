func transpose(matrix [][]int) [][]int {
    m, n := len(matrix), len(matrix[0])
    t := make([][]int, n)
    for j := range t {
        t[j] = make([]int, m)
        for i := 0; i < m; i++ {
            t[j][i] = matrix[i][j]
        }
    }
    return t
}
