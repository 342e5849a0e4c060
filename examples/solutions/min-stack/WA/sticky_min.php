class MinStack {
    // the minimum never goes back up after a pop
    private $st = [];
    private $min = PHP_INT_MAX;
    function push($val) { $this->st[] = $val; $this->min = min($this->min, $val); }
    function pop() { array_pop($this->st); }
    function top() { return end($this->st); }
    function getMin() { return $this->min; }
}
