/**
 * A problem id: a slug of lower-case ASCII letters, digits and dashes, starting with a letter or
 * digit, at most 64 characters (e.g. `aplusb`, `kattis-oddecho`). The one definition the API,
 * the package importer and the clients check ids against.
 */
export const PROBLEM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
