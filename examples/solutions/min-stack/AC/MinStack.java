class MinStack {
    private final Deque<int[]> st = new ArrayDeque<>();

    public MinStack() {
    }

    public void push(int val) {
        st.push(new int[] { val, st.isEmpty() ? val : Math.min(val, st.peek()[1]) });
    }

    public void pop() {
        st.pop();
    }

    public int top() {
        return st.peek()[0];
    }

    public int getMin() {
        return st.peek()[1];
    }
}
