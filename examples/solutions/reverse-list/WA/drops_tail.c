struct ListNode* reverseList(struct ListNode* head) {
    struct ListNode* prev = NULL;
    if (!head) return NULL;
    while (head->next) {
        struct ListNode* next = head->next;
        head->next = prev;
        prev = head;
        head = next;
    }
    /* forgets to link the last node: the old head is lost */
    return prev ? prev : head;
}
