class MinStack() {
    private val st = scala.collection.mutable.ArrayStack[(Int, Int)]()

    def push(`val`: Int): Unit = {
        st.push((`val`, if (st.isEmpty) `val` else math.min(`val`, st.top._2)))
    }

    def pop(): Unit = {
        st.pop()
    }

    def top(): Int = {
        st.top._1
    }

    def getMin(): Int = {
        st.top._2
    }

}

/**
 * Your MinStack object will be instantiated and called as such:
 * val obj = new MinStack()
 * obj.push(`val`)
 * obj.pop()
 * val param_3 = obj.top()
 * val param_4 = obj.getMin()
 */
