struct MinStack {
    st: Vec<(i32, i32)>,
}

impl MinStack {
    fn new() -> Self {
        MinStack { st: Vec::new() }
    }

    fn push(&mut self, val: i32) {
        let m = self.st.last().map_or(val, |&(_, m)| m.min(val));
        self.st.push((val, m));
    }

    fn pop(&mut self) {
        self.st.pop();
    }

    fn top(&self) -> i32 {
        self.st.last().unwrap().0
    }

    fn get_min(&self) -> i32 {
        self.st.last().unwrap().1
    }
}
