class Solution {
public:
    // swaps the children's values, not the subtrees
    TreeNode* invertTree(TreeNode* root) {
        if (!root) return root;
        if (root->left && root->right) swap(root->left->val, root->right->val);
        invertTree(root->left);
        invertTree(root->right);
        return root;
    }
};
