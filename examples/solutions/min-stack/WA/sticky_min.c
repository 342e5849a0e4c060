typedef struct {
    int vals[100000];
    int size;
    int min;
} MinStack;

MinStack* minStackCreate() {
    MinStack* s = malloc(sizeof(MinStack));
    s->size = 0;
    s->min = INT_MAX;
    return s;
}

void minStackPush(MinStack* obj, int val) {
    obj->vals[obj->size++] = val;
    if (val < obj->min) obj->min = val;
}

void minStackPop(MinStack* obj) { obj->size--; }

int minStackTop(MinStack* obj) { return obj->vals[obj->size - 1]; }

int minStackGetMin(MinStack* obj) { return obj->min; }

void minStackFree(MinStack* obj) { free(obj); }
