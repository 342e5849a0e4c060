class Solution {
    // keeps the first node only
    function reverseList($head) {
        return $head === null ? null : new ListNode($head->val);
    }
}
