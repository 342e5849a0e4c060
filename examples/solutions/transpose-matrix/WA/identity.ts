function transpose(matrix: number[][]): number[][] {
    return matrix;
};
