class MinStack {
    constructor() { this.st = []; this.min = Infinity; }
    push(val) { this.st.push(val); this.min = Math.min(this.min, val); }
    pop() { this.st.pop(); }
    top() { return this.st[this.st.length - 1]; }
    getMin() { return this.min; }
}
