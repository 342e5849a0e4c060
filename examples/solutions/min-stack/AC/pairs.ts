class MinStack {
    private st: [number, number][] = [];

    constructor() {
    }

    push(val: number): void {
        const n = this.st.length;
        this.st.push([val, n ? Math.min(val, this.st[n - 1][1]) : val]);
    }

    pop(): void {
        this.st.pop();
    }

    top(): number {
        return this.st[this.st.length - 1][0];
    }

    getMin(): number {
        return this.st[this.st.length - 1][1];
    }
}

/**
 * Your MinStack object will be instantiated and called as such:
 * var obj = new MinStack()
 * obj.push(val)
 * obj.pop()
 * var param_3 = obj.top()
 * var param_4 = obj.getMin()
 */
