function reverseList(head: ListNode | null): ListNode | null {
    // keeps the first node only
    return head ? new ListNode(head.val) : null;
};
