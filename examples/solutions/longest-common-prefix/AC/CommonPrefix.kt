class Solution {
    fun longestCommonPrefix(strs: Array<String>): String =
        strs.reduce { a, b -> a.commonPrefixWith(b) }
}
