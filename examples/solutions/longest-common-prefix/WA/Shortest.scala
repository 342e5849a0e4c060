object Solution {
    // returns the shortest string
    def longestCommonPrefix(strs: Array[String]): String = strs.minBy(_.length)
}
