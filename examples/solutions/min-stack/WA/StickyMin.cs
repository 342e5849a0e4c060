public class MinStack {
    // the minimum never goes back up after a pop
    private readonly List<int> st = new List<int>();
    private int min = int.MaxValue;

    public void Push(int val) { st.Add(val); min = Math.Min(min, val); }
    public void Pop() { st.RemoveAt(st.Count - 1); }
    public int Top() { return st[st.Count - 1]; }
    public int GetMin() { return min; }
}
