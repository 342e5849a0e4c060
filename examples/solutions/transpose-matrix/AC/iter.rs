impl Solution {
    pub fn transpose(matrix: Vec<Vec<i32>>) -> Vec<Vec<i32>> {
        (0..matrix[0].len()).map(|j| matrix.iter().map(|row| row[j]).collect()).collect()
    }
}
