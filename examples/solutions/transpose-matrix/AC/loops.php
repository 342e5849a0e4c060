class Solution {

    /**
     * @param Integer[][] $matrix
     * @return Integer[][]
     */
    function transpose($matrix) {
        $t = [];
        foreach ($matrix as $i => $row)
            foreach ($row as $j => $x) $t[$j][$i] = $x;
        return $t;
    }
}
