class Solution:
    def reverseList(self, head: Optional[ListNode]) -> Optional[ListNode]:
        # sorts descending instead of reversing: right only when the list was sorted
        vals = []
        while head:
            vals.append(head.val)
            head = head.next
        out = None
        for v in sorted(vals):
            out = ListNode(v, out)
        return out
