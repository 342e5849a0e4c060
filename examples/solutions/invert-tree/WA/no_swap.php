class Solution {
    // visits every node and swaps nothing
    function invertTree($root) {
        if ($root !== null) { $this->invertTree($root->left); $this->invertTree($root->right); }
        return $root;
    }
}
