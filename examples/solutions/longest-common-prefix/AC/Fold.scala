object Solution {
    def longestCommonPrefix(strs: Array[String]): String =
        strs.reduce((a, b) => a.zip(b).takeWhile { case (x, y) => x == y }.map(_._1).mkString)
}
