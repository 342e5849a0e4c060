def transpose(matrix)
    matrix.map(&:dup)
end
