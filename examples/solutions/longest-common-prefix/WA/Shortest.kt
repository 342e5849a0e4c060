class Solution {
    // returns the shortest string
    fun longestCommonPrefix(strs: Array<String>): String = strs.minBy { it.length }!!
}
