struct TreeNode* invertTree(struct TreeNode* root) {
    if (!root) return NULL;
    struct TreeNode* t = root->left;
    root->left = root->right;
    root->right = t;
    return root;
}
