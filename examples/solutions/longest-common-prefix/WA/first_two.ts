function longestCommonPrefix(strs: string[]): string {
    // compares the first two strings only
    const a = strs[0], b = strs[strs.length > 1 ? 1 : 0];
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    return a.slice(0, i);
};
