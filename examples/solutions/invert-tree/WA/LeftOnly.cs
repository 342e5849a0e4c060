public class Solution {
    // inverts the left subtree only
    public TreeNode InvertTree(TreeNode root) {
        if (root == null) return null;
        if (root.left != null) (root.left.left, root.left.right) = (root.left.right, root.left.left);
        return root;
    }
}
