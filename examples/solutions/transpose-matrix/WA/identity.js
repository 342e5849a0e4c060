var transpose = function(matrix) {
    return matrix;
};
