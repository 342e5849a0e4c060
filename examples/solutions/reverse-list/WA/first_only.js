var reverseList = function(head) {
    if (!head) return null;
    return new ListNode(head.val);
};
