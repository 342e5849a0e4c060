class MinStack() {
    private val st = ArrayDeque<IntArray>()

    fun push(`val`: Int) {
        st.push(intArrayOf(`val`, if (st.isEmpty()) `val` else min(`val`, st.peek()[1])))
    }

    fun pop() {
        st.pop()
    }

    fun top(): Int {
        return st.peek()[0]
    }

    fun getMin(): Int {
        return st.peek()[1]
    }

}

/**
 * Your MinStack object will be instantiated and called as such:
 * var obj = MinStack()
 * obj.push(`val`)
 * obj.pop()
 * var param_3 = obj.top()
 * var param_4 = obj.getMin()
 */
