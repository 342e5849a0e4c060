object Solution {
    // keeps the first node only
    def reverseList(head: ListNode): ListNode = if (head == null) null else new ListNode(head.x)
}
