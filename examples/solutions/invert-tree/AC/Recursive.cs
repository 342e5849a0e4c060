public class Solution {
    public TreeNode InvertTree(TreeNode root) {
        if (root == null) return null;
        var left = InvertTree(root.right);
        root.right = InvertTree(root.left);
        root.left = left;
        return root;
    }
}
