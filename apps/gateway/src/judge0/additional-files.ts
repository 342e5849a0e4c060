import { PackageError, zipFiles } from '../problems/package/package-files';

/** Judge0's `MAX_EXTRACT_SIZE`: most bytes unpacked from `additional_files` in all (10240 KB). */
export const MAX_EXTRACT_BYTES = 10240 * 1024;
/** Most files in `additional_files`. */
export const MAX_ADDITIONAL_FILES = 1000;

/** One file of `additional_files`: its relative posix path and bytes. */
export interface AdditionalFile {
  path: string;
  content: Buffer;
}

/**
 * The files of Judge0's `additional_files` (base64 of a zip), with the package import's zip
 * checks (no absolute path, `..`, NUL, encrypted or duplicate entry, links only inside, zip-bomb
 * caps counted while inflating) and Judge0's cap of `MAX_EXTRACT_BYTES` unpacked in all.
 * @throws Error with a message for Judge0's 422 on `additional_files`.
 */
export async function unpackAdditionalFiles(base64: string): Promise<AdditionalFile[]> {
  if (!/^[A-Za-z0-9+/\s]*={0,2}\s*$/.test(base64)) throw new Error('is not valid base64');
  const zip = Buffer.from(base64, 'base64');
  let files;
  try {
    files = await zipFiles(zip, { maxUnpackedBytes: MAX_EXTRACT_BYTES, maxFileBytes: MAX_EXTRACT_BYTES, maxEntries: MAX_ADDITIONAL_FILES });
  } catch (e) {
    throw new Error(`is not a usable zip: ${e instanceof PackageError ? e.message.replace(/\(PACKAGE_MAX_\w+\)/, '') : 'cannot be read'}`);
  }
  try {
    const out: AdditionalFile[] = [];
    for (const path of files.list()) out.push({ path, content: await files.read(path) });
    return out;
  } catch (e) {
    throw new Error(`is not a usable zip: ${e instanceof PackageError ? e.message.replace(/\(PACKAGE_MAX_\w+\)/, '') : 'cannot be read'}`);
  } finally {
    files.close();
  }
}
