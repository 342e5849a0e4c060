public class Solution {
    // swaps the values of the first two nodes only
    public ListNode ReverseList(ListNode head) {
        if (head != null && head.next != null) (head.val, head.next.val) = (head.next.val, head.val);
        return head;
    }
}
