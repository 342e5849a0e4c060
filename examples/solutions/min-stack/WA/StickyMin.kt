class MinStack() {
    // the minimum never goes back up after a pop
    private val st = mutableListOf<Int>()
    private var low = Int.MAX_VALUE

    fun push(`val`: Int) { st.add(`val`); low = minOf(low, `val`) }
    fun pop() { st.removeAt(st.size - 1) }
    fun top(): Int = st.last()
    fun getMin(): Int = low
}
