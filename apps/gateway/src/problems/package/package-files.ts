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

/** Defaults of the zip caps: 512 MiB uncompressed in all, 10000 entries. */
export const DEFAULT_MAX_TOTAL_BYTES = 512 * 1024 * 1024;
export const DEFAULT_MAX_ENTRIES = 10000;

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
    lazyEntries: true, autoClose: false, decodeStrings: true, validateEntrySizes: true, strictFileNames: false,
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
 * - at most `maxEntries` entries (default 10000), counted from the archive's end record before
 *   any entry is read;
 * - the declared uncompressed sizes sum to at most `maxTotalBytes` (default 512 MiB); yauzl
 *   verifies while inflating that an entry never yields more bytes than it declares, so the cap
 *   holds against zip bombs;
 * - no absolute path, drive letter, backslash or `..` segment; no encrypted or duplicate entry;
 *   a symbolic link entry (unix mode) must point at another file inside the archive.
 * A package zipped with its folder (every entry under one top folder, e.g. `hello/problem.yaml`)
 * is served with that folder stripped, and `name` is that folder. `__MACOSX/` and `.DS_Store`
 * entries are ignored. Any violation throws `PackageError` naming the entry.
 *
 * Entries are inflated only when `read()`; call `close()` when done (it closes the file
 * descriptor of a zip opened by path).
 */
export async function zipFiles(
  zip: Buffer | string,
  opts: { maxTotalBytes?: number; maxEntries?: number } = {},
): Promise<PackageFiles> {
  const maxTotal = opts.maxTotalBytes ?? DEFAULT_MAX_TOTAL_BYTES;
  const maxEntries = opts.maxEntries ?? DEFAULT_MAX_ENTRIES;
  const zf = await openZip(zip);
  let closed = false;
  const close = () => {
    if (!closed) {
      closed = true;
      zf.close();
    }
  };
  try {
    if (zf.entryCount > maxEntries) {
      throw new PackageError(`zip has ${zf.entryCount} entries, more than the ${maxEntries} allowed`);
    }
    const raw = await new Promise<yauzl.Entry[]>((resolve, reject) => {
      const entries: yauzl.Entry[] = [];
      zf.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        zf.readEntry();
      });
      zf.on('end', () => resolve(entries));
      zf.on('error', (err: Error) => {
        const unsafe = /^(invalid relative path|absolute path)/.test(err.message);
        reject(new PackageError(`${unsafe ? 'unsafe' : 'malformed'} zip entry: ${err.message}`));
      });
      zf.readEntry();
    });

    let total = 0;
    const byPath = new Map<string, yauzl.Entry>();
    const links: string[] = [];
    for (const entry of raw) {
      const safe = safeRelative(entry.fileName);
      if ('error' in safe) throw new PackageError(`unsafe zip entry: ${safe.error}`);
      if (entry.fileName.endsWith('/')) continue; // directory entry
      if (isIgnored(safe.path)) continue;
      if (entry.isEncrypted()) throw new PackageError(`encrypted zip entry: ${safe.path}`);
      if (byPath.has(safe.path)) throw new PackageError(`duplicate zip entry: ${safe.path}`);
      total += entry.uncompressedSize;
      if (total > maxTotal) {
        throw new PackageError(
          `zip uncompressed size exceeds ${maxTotal} bytes (at entry ${safe.path})`,
        );
      }
      byPath.set(safe.path, entry);
      if (unixFileType(entry) === S_IFLNK) links.push(safe.path);
    }

    const readEntry = (entry: yauzl.Entry, label: string): Promise<Buffer> =>
      new Promise((resolve, reject) => {
        if (closed) return reject(new PackageError(`zip already closed, cannot read ${label}`));
        zf.openReadStream(entry, (err, stream) => {
          if (err) return reject(new PackageError(`${label} cannot be read from the zip: ${err.message}`));
          const size = entry.uncompressedSize;
          const buf = Buffer.allocUnsafe(size);
          let at = 0;
          stream.on('data', (chunk: Buffer) => {
            if (at + chunk.length > size) {
              stream.destroy();
              reject(new PackageError(`${label} is larger than its declared size`));
              return;
            }
            chunk.copy(buf, at);
            at += chunk.length;
          });
          stream.on('error', (e: Error) => reject(new PackageError(`${label} cannot be read from the zip: ${e.message}`)));
          stream.on('end', () => {
            if (at !== size) reject(new PackageError(`${label} is shorter than its declared size`));
            else resolve(buf);
          });
        });
      });

    // Symbolic links: their content is the target, relative to the link's folder.
    const linkTarget = new Map<string, string>();
    for (const link of links) {
      if (byPath.get(link)!.uncompressedSize > 4096) throw new PackageError(`symbolic link target too long: ${link}`);
      const target = (await readEntry(byPath.get(link)!, link)).toString('utf8');
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(link), target));
      if (target.startsWith('/') || resolved.startsWith('../') || resolved === '..') {
        throw new PackageError(`symbolic link points outside the package: ${link}`);
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
