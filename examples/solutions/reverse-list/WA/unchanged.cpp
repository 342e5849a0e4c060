class Solution {
public:
    ListNode* reverseList(ListNode* head) {
        // reverses the values of the first two nodes only
        if (head && head->next) swap(head->val, head->next->val);
        return head;
    }
};
