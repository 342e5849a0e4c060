impl Solution {
    pub fn longest_common_prefix(strs: Vec<String>) -> String {
        // the first string whole
        strs[0].clone()
    }
}
