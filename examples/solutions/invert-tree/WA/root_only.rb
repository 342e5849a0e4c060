# swaps the root's children only
def invert_tree(root)
    root.left, root.right = root.right, root.left if root
    root
end
