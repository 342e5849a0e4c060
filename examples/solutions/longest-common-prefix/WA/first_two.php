class Solution {
    // compares the first two strings only
    function longestCommonPrefix($strs) {
        $a = $strs[0];
        $b = $strs[count($strs) > 1 ? 1 : 0];
        $i = 0;
        while ($i < strlen($a) && $i < strlen($b) && $a[$i] === $b[$i]) $i++;
        return substr($a, 0, $i);
    }
}
