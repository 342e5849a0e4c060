typedef struct {
    int* vals;
    int* mins;
    int size, cap;
} MinStack;


MinStack* minStackCreate() {
    MinStack* s = calloc(1, sizeof(MinStack));
    return s;
}

void minStackPush(MinStack* obj, int val) {
    if (obj->size == obj->cap) {
        obj->cap = obj->cap ? obj->cap * 2 : 16;
        obj->vals = realloc(obj->vals, sizeof(int) * obj->cap);
        obj->mins = realloc(obj->mins, sizeof(int) * obj->cap);
    }
    obj->vals[obj->size] = val;
    obj->mins[obj->size] = obj->size && obj->mins[obj->size - 1] < val ? obj->mins[obj->size - 1] : val;
    obj->size++;
}

void minStackPop(MinStack* obj) {
    obj->size--;
}

int minStackTop(MinStack* obj) {
    return obj->vals[obj->size - 1];
}

int minStackGetMin(MinStack* obj) {
    return obj->mins[obj->size - 1];
}

void minStackFree(MinStack* obj) {
    free(obj->vals);
    free(obj->mins);
    free(obj);
}
