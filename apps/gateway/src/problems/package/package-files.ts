import { promises as fsp, readdirSync, lstatSync, realpathSync, statSync } from 'fs';
import * as path from 'path';
import * as yauzl from 'yauzl';

/**
 * Thrown for a problem package that cannot be imported: a malformed zip, an unsafe entry name,
 * a package over the size caps, a missing or malformed file or field. The message names the
 * file (posix path inside the package) or the `problem.yaml` field at fault.
 */
export class PackageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PackageError';
  }
}

/**
 * Read-only view of the files of a problem package, whatever its container (folder or zip).
 * Paths are posix, relative to the package root (the folder holding `problem.yaml`), without a
 * leading `./`, e.g. `data/secret/1.in`. Only regular files are listed (no directory entries).
 */
export interface PackageFiles {
  /** Every file path of the package, sorted by code unit. */
  list(): string[];
  /**
   * Contents of one listed file. Throws `PackageError` for a path that is not listed (so a caller
   * can never read outside the package) or a file that cannot be read.
   */
  read(path: string): Promise<Buffer>;
  /**
   * Name of the package: the folder's base name, the zip's single top folder, or the zip file's
   * base name without `.zip`/`.kpp`. Undefined for a zip buffer without a top folder. Callers
   * derive the problem id from it (`slugify`).
   */
  readonly name?: string;
  /** Releases what the container holds open (a zip's file descriptor). Idempotent. */
  close(): void;
}

/**
 * Caps of a zipped package, against zip bombs and archives built to exhaust the gateway. Sizes
 * are counted on the bytes actually inflated while unpacking; the sizes the zip's headers declare
 * only let an archive be refused before anything is inflated, never let one through.
 */
export interface ZipLimits {
  /** Most bytes inflated from the archive in all, over every read (a file read twice counts twice). */
  maxUnpackedBytes: number;
  /** Most bytes inflated from one file. */
  maxFileBytes: number;
  /** Most entries (files, folders, links), counted from the archive's end record. */
  maxEntries: number;
  /**
   * Most bytes inflated per compressed byte read (over every read so far), checked once more
   * than `RATIO_GRACE_BYTES` have been inflated. Deflate cannot go past about 1030:1, so the
   * default (1100) refuses no honest zip; set it lower to refuse very compressible uploads.
   * Entries sharing their compressed data (overlapping-entry bombs, which reach any ratio) are
   * refused up front, whatever this cap.
   */
  maxRatio: number;
}

/** Default caps (`PACKAGE_MAX_*` in libs/config): 512 MiB in all, 128 MiB per file, 10000 entries, ratio 1100. */
export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxUnpackedBytes: 512 * 1024 * 1024,
  maxFileBytes: 128 * 1024 * 1024,
  maxEntries: 10000,
  maxRatio: 1100,
};

/** Size of a local file header before its name and extra field, bytes. */
const LOCAL_HEADER_BYTES = 30;

/** Inflated bytes below which the ratio is not checked (small files compress well and are harmless). */
export const RATIO_GRACE_BYTES = 1024 * 1024;

/** Folders never part of a package (VCS and macOS archive metadata). */
const IGNORED_TOP = new Set(['.git', '.svn', '__MACOSX']);

/**
 * Normalises a relative posix path from a container, or returns an error message when it is not
 * a safe relative path (absolute, a drive letter, a `..` segment, NUL or backslash).
 */
function safeRelative(name: string): { path: string } | { error: string } {
  if (name.includes('\0')) return { error: `NUL in entry name: ${JSON.stringify(name)}` };
  if (name.includes('\\')) return { error: `backslash in entry name: ${name}` };
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return { error: `absolute path: ${name}` };
  if (name.split('/').includes('..')) return { error: `path traversal (..): ${name}` };
  const normalized = path.posix.normalize(name).replace(/^(\.\/)+/, '');
  if (normalized === '.' || normalized === '') return { error: `empty entry name: ${JSON.stringify(name)}` };
  return { path: normalized };
}

function isIgnored(relPath: string): boolean {
  const first = relPath.split('/')[0];
  return IGNORED_TOP.has(first) || relPath.split('/').some((s) => s === '.DS_Store');
}

/**
 * The files of a package unpacked in folder `dir` (the folder holding `problem.yaml`).
 *
 * The tree is walked once, synchronously, on the first `list()`/`read()`. Symbolic links are
 * followed when their target stays inside `dir` (the spec allows links inside the package); a
 * link pointing outside, or a link cycle, throws `PackageError`. `.git`, `.svn`, `__MACOSX` and
 * `.DS_Store` are skipped. `read()` only serves listed paths.
 */
export function directoryFiles(dir: string): PackageFiles {
  const root = path.resolve(dir);
  let files: Map<string, string> | undefined; // relative posix path -> absolute real path

  const walk = (): Map<string, string> => {
    if (files) return files;
    let realRoot: string;
    try {
      realRoot = realpathSync(root);
      if (!statSync(realRoot).isDirectory()) throw new Error('not a directory');
    } catch (e) {
      throw new PackageError(`package folder ${dir} cannot be read: ${(e as Error).message}`);
    }
    const out = new Map<string, string>();
    const visiting = new Set<string>();
    const visit = (absReal: string, rel: string): void => {
      if (visiting.has(absReal)) throw new PackageError(`symbolic link cycle at ${rel || '.'}`);
      visiting.add(absReal);
      for (const ent of readdirSync(absReal, { withFileTypes: true })) {
        const childRel = rel ? `${rel}/${ent.name}` : ent.name;
        if (isIgnored(childRel)) continue;
        let target = path.join(absReal, ent.name);
        let st = lstatSync(target);
        if (st.isSymbolicLink()) {
          let real: string;
          try {
            real = realpathSync(target);
          } catch {
            throw new PackageError(`broken symbolic link: ${childRel}`);
          }
          if (real !== realRoot && !real.startsWith(realRoot + path.sep)) {
            throw new PackageError(`symbolic link points outside the package: ${childRel}`);
          }
          target = real;
          st = statSync(real);
        }
        if (st.isDirectory()) visit(target, childRel);
        else if (st.isFile()) out.set(childRel, target);
      }
      visiting.delete(absReal);
    };
    visit(realRoot, '');
    files = out;
    return out;
  };

  return {
    name: path.basename(root),
    list: () => [...walk().keys()].sort(),
    async read(rel: string): Promise<Buffer> {
      const abs = walk().get(rel);
      if (abs === undefined) throw new PackageError(`no such file in the package: ${rel}`);
      try {
        return await fsp.readFile(abs);
      } catch (e) {
        throw new PackageError(`${rel} cannot be read: ${(e as Error).message}`);
      }
    },
    close() {
      /* nothing held open */
    },
  };
}

function openZip(zip: Buffer | string): Promise<yauzl.ZipFile> {
  const options: yauzl.Options = {
    lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: false, strictFileNames: false,
  };
  return new Promise((resolve, reject) => {
    const cb = (err: Error | null, zf: yauzl.ZipFile) => {
      if (err) reject(new PackageError(`not a readable zip archive: ${err.message}`));
      else resolve(zf);
    };
    if (typeof zip === 'string') yauzl.open(zip, options, cb);
    else yauzl.fromBuffer(zip, options, cb);
  });
}

/** S_IFMT bits of a unix mode stored in the high half of `externalFileAttributes`. */
function unixFileType(entry: yauzl.Entry): number {
  const madeByUnix = entry.versionMadeBy >> 8 === 3;
  return madeByUnix ? (entry.externalFileAttributes >>> 16) & 0o170000 : 0;
}
const S_IFLNK = 0o120000;

/**
 * The files of a zipped package (`.zip` / `.kpp`), from a buffer or a file path.
 *
 * The central directory is read up front, without decompressing anything, and checked:
 * - at most `maxEntries` entries, counted from the archive's end record before any entry is read;
 * - no absolute path, drive letter, `..` segment or NUL (backslashes are read as separators, so
 *   `..\\x` and `C:\\x` are refused too); no encrypted or duplicate entry; a symbolic link entry
 *   (unix mode) must point at another file inside the archive;
 * - declared sizes already over `maxFileBytes` or (summed) `maxUnpackedBytes` are refused at once;
 * - no two entries' data overlap (the non-recursive zip bomb: entries sharing one compressed body).
 * While unpacking, every inflated chunk is counted against `maxFileBytes`, `maxUnpackedBytes`
 * and `maxRatio` (see `ZipLimits`) whatever the headers declared, and reading stops at the first
 * chunk over a cap.
 * A package zipped with its folder (every entry under one top folder, e.g. `hello/problem.yaml`)
 * is served with that folder stripped, and `name` is that folder. `__MACOSX/` and `.DS_Store`
 * entries are ignored. Any violation throws (or rejects `read()` with) `PackageError` naming the
 * entry and the cap, e.g. `zip bomb: data/secret/1.in inflates to more than the 134217728 bytes
 * allowed per file (PACKAGE_MAX_FILE_BYTES)`.
 *
 * Entries are inflated only when `read()`; call `close()` when done (it closes the file
 * descriptor of a zip opened by path).
 */
export async function zipFiles(zip: Buffer | string, opts: Partial<ZipLimits> = {}): Promise<PackageFiles> {
  const limits: ZipLimits = { ...DEFAULT_ZIP_LIMITS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  const zf = await openZip(zip);
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      zf.close();
    }
  };
  try {
    if (zf.entryCount > limits.maxEntries) {
      throw new PackageError(`zip has ${zf.entryCount} entries, more than the ${limits.maxEntries} allowed (PACKAGE_MAX_ENTRIES)`);
    }
    const raw = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const entries: yauzl.Entry[] = [];
      zf.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zf.readEntry();
      });
      zf.on('end', () => resolve(entries));
      zf.on('error', (err: Error) => {
        const unsafe = /^(invalid relative path|absolute path|invalid characters)/.test(err.message);
        reject(new PackageError(`${unsafe ? 'unsafe' : 'malformed'} zip entry: ${err.message}`));
      });
      zf.readEntry();
    });

    // Entries whose data overlap share compressed bytes: the non-recursive zip bomb (Fifield),
    // where a few KiB inflate to gigabytes through entries that all point at one body.
    const extents = raw
      .map((e) => ({ name: e.fileName, start: e.relativeOffsetOfLocalHeader, end: e.relativeOffsetOfLocalHeader + LOCAL_HEADER_BYTES + e.compressedSize }))
      .sort((a, b) => a.start - b.start);
    for (let i = 1; i < extents.length; i++) {
      if (extents[i].start < extents[i - 1].end) {
        throw new PackageError(`zip bomb: entries ${extents[i - 1].name} and ${extents[i].name} overlap (they share compressed data)`);
      }
    }

    let declared = 0;
    const byPath = new Map<string, yauzl.Entry>();
    const links: string[] = [];
    for (const entry of raw) {
      const safe = safeRelative(entry.fileName);
      if ('error' in safe) throw new PackageError(`unsafe zip entry: ${safe.error}`);
      if (entry.fileName.endsWith('/')) continue; // directory entry
      if (isIgnored(safe.path)) continue;
      if (entry.isEncrypted()) throw new PackageError(`encrypted zip entry: ${safe.path}`);
      if (byPath.has(safe.path)) throw new PackageError(`duplicate zip entry: ${safe.path}`);
      if (entry.uncompressedSize > limits.maxFileBytes) {
        throw new PackageError(`zip bomb: ${safe.path} declares ${entry.uncompressedSize} bytes unpacked, more than the ${limits.maxFileBytes} allowed per file (PACKAGE_MAX_FILE_BYTES)`);
      }
      declared += entry.uncompressedSize;
      if (declared > limits.maxUnpackedBytes) {
        throw new PackageError(`zip bomb: entries declare more than the ${limits.maxUnpackedBytes} bytes allowed unpacked in all (PACKAGE_MAX_UNPACKED_BYTES), at entry ${safe.path}`);
      }
      byPath.set(safe.path, entry);
      if (unixFileType(entry) === S_IFLNK) links.push(safe.path);
    }

    // Counted over every read of this archive: the caps hold whatever the headers say.
    let inflated = 0;
    let compressedRead = 0;
    const readEntry = (entry: yauzl.Entry, label: string): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new PackageError(`zip already closed, cannot read ${label}`));
        zf.openReadStream(entry, (err, stream) => {
          if (err) return reject(new PackageError(`${label} cannot be read from the zip: ${err.message}`));
          // yauzl reads exactly this many bytes of the archive for the entry.
          compressedRead += entry.compressedSize;
          const chunks: Buffer[] = [];
          let size = 0;
          let failed = false;
          const fail = (message: string) => {
            failed = true;
            stream.unpipe();
            stream.destroy();
            reject(new PackageError(message));
          };
          stream.on('data', (chunk: Buffer) => {
            if (failed) return;
            size += chunk.length;
            inflated += chunk.length;
            if (size > limits.maxFileBytes) {
              return fail(`zip bomb: ${label} inflates to more than the ${limits.maxFileBytes} bytes allowed per file (PACKAGE_MAX_FILE_BYTES)`);
            }
            if (inflated > limits.maxUnpackedBytes) {
              return fail(`zip bomb: unpacking stopped at ${label}: more than the ${limits.maxUnpackedBytes} bytes allowed unpacked in all (PACKAGE_MAX_UNPACKED_BYTES)`);
            }
            if (inflated > RATIO_GRACE_BYTES && inflated > limits.maxRatio * Math.max(compressedRead, 1)) {
              return fail(`zip bomb: unpacking stopped at ${label}: more than ${limits.maxRatio} bytes inflated per compressed byte (PACKAGE_MAX_RATIO)`);
            }
            chunks.push(chunk);
          });
          stream.on('error', (e: Error) => {
            if (!failed) reject(new PackageError(`${label} cannot be read from the zip: ${e.message}`));
          });
          stream.on('end', () => {
            if (!failed) resolve(Buffer.concat(chunks, size));
          });
        });
      });

    // Symbolic links: their content is the target, relative to the link's folder.
    const linkTarget = new Map<string, string>();
    for (const link of links) {
      if (byPath.get(link)!.uncompressedSize > 4096) throw new PackageError(`symbolic link target too long: ${link}`);
      const data = await readEntry(byPath.get(link)!, link);
      if (data.length > 4096) throw new PackageError(`symbolic link target too long: ${link}`);
      const target = data.toString('utf8');
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(link), target));
      if (target.startsWith('/') || /^[a-zA-Z]:/.test(target) || target.includes('\\') || resolved.startsWith('../') || resolved === '..') {
        throw new PackageError(`symbolic link points outside the package: ${link} -> ${JSON.stringify(target)}`);
      }
      linkTarget.set(link, resolved);
    }
    const aliases = new Map<string, string>();
    for (const link of links) {
      let final = linkTarget.get(link)!;
      for (let hops = 0; linkTarget.has(final); hops++) {
        if (hops >= 40) throw new PackageError(`symbolic link cycle at ${link}`);
        final = linkTarget.get(final)!;
      }
      if (!byPath.has(final)) throw new PackageError(`symbolic link ${link} does not point at a file of the package`);
      aliases.set(link, final);
    }

    // Strip a single top folder (`hello/problem.yaml` -> `problem.yaml`).
    const all = [...byPath.keys()];
    let prefix = '';
    let name: string | undefined =
      typeof zip === 'string' ? path.basename(zip).replace(/\.(zip|kpp)$/i, '') : undefined;
    if (all.length > 0 && !byPath.has('problem.yaml')) {
      const top = all[0].split('/')[0];
      const single = all.every((p) => p.startsWith(top + '/'));
      if (single && (byPath.has(`${top}/problem.yaml`) || all.some((p) => p.startsWith(`${top}/data/`)))) {
        prefix = top + '/';
        name = top;
      }
    }
    const view = new Map<string, string>(); // exposed path -> stored path
    for (const p of all) view.set(p.slice(prefix.length), p);

    return {
      name,
      list: () => [...view.keys()].sort(),
      read(rel: string): Promise<Buffer> {
        const stored = view.get(rel);
        if (stored === undefined) return Promise.reject(new PackageError(`no such file in the package: ${rel}`));
        const real = aliases.get(stored) ?? stored;
        return readEntry(byPath.get(real)!, rel);
      },
      close,
    };
  } catch (e) {
    close();
    throw e;
  }
}
