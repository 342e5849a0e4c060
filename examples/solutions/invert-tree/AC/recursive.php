class Solution {

    /**
     * @param TreeNode $root
     * @return TreeNode
     */
    function invertTree($root) {
        if ($root === null) return null;
        [$root->left, $root->right] = [$this->invertTree($root->right), $this->invertTree($root->left)];
        return $root;
    }
}
