class Solution {
    function transpose($matrix) {
        return $matrix;
    }
}
