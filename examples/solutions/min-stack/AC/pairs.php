class MinStack {
    private $st = [];

    /**
     */
    function __construct() {
    }
  
    /**
     * @param Integer $val
     * @return NULL
     */
    function push($val) {
        $this->st[] = [$val, $this->st ? min($val, end($this->st)[1]) : $val];
    }
  
    /**
     * @return NULL
     */
    function pop() {
        array_pop($this->st);
    }
  
    /**
     * @return Integer
     */
    function top() {
        return end($this->st)[0];
    }
  
    /**
     * @return Integer
     */
    function getMin() {
        return end($this->st)[1];
    }
}

/**
 * Your MinStack object will be instantiated and called as such:
 * $obj = MinStack();
 * $obj->push($val);
 * $obj->pop();
 * $ret_3 = $obj->top();
 * $ret_4 = $obj->getMin();
 */
