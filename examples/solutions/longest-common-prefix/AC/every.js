/**
 * @param {string[]} strs
 * @return {string}
 */
var longestCommonPrefix = function(strs) {
    let p = '';
    for (const ch of strs[0]) {
        if (!strs.every((s) => s.startsWith(p + ch))) break;
        p += ch;
    }
    return p;
};
