class Solution {
    // swaps the root's children only
    fun invertTree(root: TreeNode?): TreeNode? {
        if (root != null) root.left = root.right.also { root.right = root.left }
        return root
    }
}
