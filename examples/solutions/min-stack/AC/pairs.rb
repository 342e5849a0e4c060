class MinStack
    def initialize()
        @st = []
    end


=begin
    :type val: Integer
    :rtype: Void
=end
    def push(val)
        @st << [val, @st.empty? ? val : [val, @st[-1][1]].min]
    end


=begin
    :rtype: Void
=end
    def pop()
        @st.pop
    end


=begin
    :rtype: Integer
=end
    def top()
        @st[-1][0]
    end


=begin
    :rtype: Integer
=end
    def get_min()
        @st[-1][1]
    end


end

# Your MinStack object will be instantiated and called as such:
# obj = MinStack.new()
# obj.push(val)
# obj.pop()
# param_3 = obj.top()
# param_4 = obj.get_min()
