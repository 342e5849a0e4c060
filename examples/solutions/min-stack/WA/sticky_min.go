import "math"

// the minimum never goes back up after a pop
type MinStack struct {
    vals []int
    min  int
}

func Constructor() MinStack {
    return MinStack{min: math.MaxInt32}
}

func (this *MinStack) Push(val int) {
    this.vals = append(this.vals, val)
    if val < this.min {
        this.min = val
    }
}

func (this *MinStack) Pop() {
    this.vals = this.vals[:len(this.vals)-1]
}

func (this *MinStack) Top() int {
    return this.vals[len(this.vals)-1]
}

func (this *MinStack) GetMin() int {
    return this.min
}
