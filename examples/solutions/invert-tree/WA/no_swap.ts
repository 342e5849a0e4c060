function invertTree(root: TreeNode | null): TreeNode | null {
    // visits every node and swaps nothing
    if (root) { invertTree(root.left); invertTree(root.right); }
    return root;
};
