struct MinStack {
    st: Vec<i32>,
    min: i32,
}

impl MinStack {
    fn new() -> Self {
        MinStack { st: vec![], min: i32::MAX }
    }

    fn push(&mut self, val: i32) {
        self.st.push(val);
        self.min = self.min.min(val);
    }

    fn pop(&mut self) {
        self.st.pop();
    }

    fn top(&self) -> i32 {
        *self.st.last().unwrap()
    }

    fn get_min(&self) -> i32 {
        self.min
    }
}
