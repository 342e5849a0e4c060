object Solution {
    // swaps the root's children only
    def invertTree(root: TreeNode): TreeNode = {
        if (root != null) { val l = root.left; root.left = root.right; root.right = l }
        root
    }
}
