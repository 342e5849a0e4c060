/* flips each row instead of transposing */
int** transpose(int** matrix, int matrixSize, int* matrixColSize, int* returnSize, int** returnColumnSizes) {
    *returnSize = matrixSize;
    *returnColumnSizes = malloc(sizeof(int) * matrixSize);
    for (int i = 0; i < matrixSize; i++) {
        int n = matrixColSize[i];
        (*returnColumnSizes)[i] = n;
        for (int a = 0, b = n - 1; a < b; a++, b--) { int t = matrix[i][a]; matrix[i][a] = matrix[i][b]; matrix[i][b] = t; }
    }
    return matrix;
}
