class MinStack {
    // the minimum never goes back up after a pop
    st: number[] = [];
    min = Infinity;
    push(val: number): void { this.st.push(val); this.min = Math.min(this.min, val); }
    pop(): void { this.st.pop(); }
    top(): number { return this.st[this.st.length - 1]; }
    getMin(): number { return this.min; }
}
