class MinStack {
    private final Deque<Integer> st = new ArrayDeque<>();
    private int min = Integer.MAX_VALUE;

    public MinStack() {}

    public void push(int val) { st.push(val); min = Math.min(min, val); }

    public void pop() { st.pop(); }

    public int top() { return st.peek(); }

    public int getMin() { return min; }
}
