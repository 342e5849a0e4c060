object Solution {
    def invertTree(root: TreeNode): TreeNode = {
        if (root != null) {
            val left = invertTree(root.right)
            root.right = invertTree(root.left)
            root.left = left
        }
        root
    }
}
