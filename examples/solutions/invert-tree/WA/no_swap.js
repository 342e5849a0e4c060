var invertTree = function(root) {
    if (root) { invertTree(root.left); invertTree(root.right); }
    return root;
};
