/**
 * Return an array of arrays of size *returnSize.
 * The sizes of the arrays are returned as *returnColumnSizes array.
 * Note: Both returned array and *columnSizes array must be malloced, assume caller calls free().
 */
int** transpose(int** matrix, int matrixSize, int* matrixColSize, int* returnSize, int** returnColumnSizes) {
    int rows = matrixSize, cols = matrixColSize[0];
    int** out = malloc(sizeof(int*) * cols);
    *returnColumnSizes = malloc(sizeof(int) * cols);
    for (int j = 0; j < cols; j++) {
        out[j] = malloc(sizeof(int) * rows);
        (*returnColumnSizes)[j] = rows;
        for (int i = 0; i < rows; i++) out[j][i] = matrix[i][j];
    }
    *returnSize = cols;
    return out;
}
