public class MinStack {
    private readonly Stack<(int val, int min)> st = new Stack<(int, int)>();

    public MinStack() {
    }
    
    public void Push(int val) {
        st.Push((val, st.Count == 0 ? val : Math.Min(val, st.Peek().min)));
    }
    
    public void Pop() {
        st.Pop();
    }
    
    public int Top() {
        return st.Peek().val;
    }
    
    public int GetMin() {
        return st.Peek().min;
    }
}

/**
 * Your MinStack object will be instantiated and called as such:
 * MinStack obj = new MinStack();
 * obj.Push(val);
 * obj.Pop();
 * int param_3 = obj.Top();
 * int param_4 = obj.GetMin();
 */
