class MinStack() {
    // the minimum never goes back up after a pop
    private var st = List[Int]()
    private var low = Int.MaxValue
    def push(`val`: Int): Unit = { st = `val` :: st; low = math.min(low, `val`) }
    def pop(): Unit = { st = st.tail }
    def top(): Int = st.head
    def getMin(): Int = low
}
