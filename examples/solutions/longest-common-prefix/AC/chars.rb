# @param {String[]} strs
# @return {String}
def longest_common_prefix(strs)
    prefix = ""
    strs[0].each_char do |c|
        break unless strs.all? { |s| s.start_with?(prefix + c) }
        prefix += c
    end
    prefix
end
