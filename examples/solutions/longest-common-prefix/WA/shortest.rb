# returns the shortest string
def longest_common_prefix(strs)
    strs.min_by(&:length)
end
