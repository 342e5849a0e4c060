func reverseList(head *ListNode) *ListNode {
    // swaps the values of the first two nodes only
    if head != nil && head.Next != nil {
        head.Val, head.Next.Val = head.Next.Val, head.Val
    }
    return head
}
