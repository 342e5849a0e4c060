# keeps the first node only
def reverse_list(head)
    head && ListNode.new(head.val)
end
