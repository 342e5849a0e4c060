function longestCommonPrefix(strs: string[]): string {
    let p = '';
    for (const ch of strs[0]) {
        if (!strs.every((s) => s.startsWith(p + ch))) break;
        p += ch;
    }
    return p;
};
