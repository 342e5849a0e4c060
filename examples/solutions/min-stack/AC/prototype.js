var MinStack = function() {
    this.st = [];
};

/**
 * @param {number} val
 * @return {void}
 */
MinStack.prototype.push = function(val) {
    const n = this.st.length;
    this.st.push([val, n ? Math.min(val, this.st[n - 1][1]) : val]);
};

MinStack.prototype.pop = function() {
    this.st.pop();
};

MinStack.prototype.top = function() {
    return this.st[this.st.length - 1][0];
};

MinStack.prototype.getMin = function() {
    return this.st[this.st.length - 1][1];
};
