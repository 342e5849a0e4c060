class Solution {

    /**
     * @param String[] $strs
     * @return String
     */
    function longestCommonPrefix($strs) {
        $prefix = $strs[0];
        foreach ($strs as $s) {
            while (strncmp($s, $prefix, strlen($prefix)) !== 0) $prefix = substr($prefix, 0, -1);
        }
        return $prefix;
    }
}
