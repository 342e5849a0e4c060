# @param {TreeNode} root
# @return {TreeNode}
def invert_tree(root)
    return nil unless root
    root.left, root.right = invert_tree(root.right), invert_tree(root.left)
    root
end
