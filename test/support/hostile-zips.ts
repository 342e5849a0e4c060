// Crafted zips for the package-import attacks: built with yazl, then edited by hand where yazl
// (rightly) refuses to write the attack itself: unsafe names, lying sizes, overlapping entries.
import { ZipFile } from 'yazl';

export interface ZipEntry {
  name: string;
  data?: string | Buffer;
  /** Deflate (default true). */
  compress?: boolean;
  /** Unix mode, e.g. 0o120777 for a symbolic link whose data is its target. */
  mode?: number;
}

/** A zip of `entries`, written by yazl. */
export function buildZip(entries: ZipEntry[]): Promise<Buffer> {
  const zip = new ZipFile();
  for (const e of entries) {
    const data = e.data === undefined ? Buffer.alloc(0) : Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data);
    zip.addBuffer(data, e.name, { compress: e.compress ?? true, ...(e.mode !== undefined ? { mode: e.mode } : {}) });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** A minimal valid package: one secret test (plus `extra` entries). */
export function packageEntries(extra: ZipEntry[] = []): ZipEntry[] {
  return [
    { name: 'problem.yaml', data: 'name: Crafted\n' },
    { name: 'data/secret/1.in', data: '1 2\n' },
    { name: 'data/secret/1.ans', data: '3\n' },
    ...extra,
  ];
}

interface CentralRecord {
  /** Offset of the central directory record. */
  at: number;
  name: string;
  /** Offset of the entry's local header. */
  localAt: number;
  /** Length of the whole central record. */
  length: number;
}

/** The central directory of a zip without zip64 records (walked from its end record, not scanned). */
function centralDirectory(zip: Buffer): { records: CentralRecord[]; cdAt: number; eocdAt: number } {
  const eocdAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocdAt < 0) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(eocdAt + 10);
  const cdAt = zip.readUInt32LE(eocdAt + 16);
  const records: CentralRecord[] = [];
  let at = cdAt;
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`no central record at ${at}`);
    const nameLength = zip.readUInt16LE(at + 28);
    const length = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    records.push({ at, name: zip.toString('utf8', at + 46, at + 46 + nameLength), localAt: zip.readUInt32LE(at + 42), length });
    at += length;
  }
  return { records, cdAt, eocdAt };
}

/**
 * Renames entry `from` to `to` (same length in bytes) in its local and central headers, e.g. a
 * placeholder `xx/evil` to `../evil`: yazl refuses to write unsafe names itself.
 */
export function renameEntry(zip: Buffer, from: string, to: string): Buffer {
  const a = Buffer.from(from);
  const b = Buffer.from(to);
  if (a.length !== b.length) throw new Error('renameEntry: names must have the same byte length');
  const out = Buffer.from(zip);
  const rec = centralDirectory(out).records.find((r) => r.name === from);
  if (!rec) throw new Error(`no entry ${from}`);
  b.copy(out, rec.at + 46);
  b.copy(out, rec.localAt + 30);
  return out;
}

/** Sets the declared uncompressed size of every entry (local and central headers) to `size`: a header lie. */
export function lieAboutSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  for (const r of centralDirectory(out).records) {
    out.writeUInt32LE(size, r.at + 24);
    out.writeUInt32LE(size, r.localAt + 22);
  }
  return out;
}

/**
 * A non-recursive zip bomb (Fifield's overlapping entries, simplified): the package `base` plus
 * `count` entries `data/secret/<n>.in|.ans` whose central records all point at the compressed
 * body of `base`'s entry `shared`, so each inflates to that entry's data.
 */
export function overlappingBomb(base: Buffer, shared: string, count: number): Buffer {
  const { records, cdAt, eocdAt } = centralDirectory(base);
  const source = records.find((r) => r.name === shared);
  if (!source) throw new Error(`no entry ${shared}`);
  const added: Buffer[] = [];
  for (let i = 2; i < 2 + count; i++) {
    for (const ext of ['in', 'ans']) {
      const name = Buffer.from(`data/secret/${i}.${ext}`);
      const rec = Buffer.from(base.subarray(source.at, source.at + 46));
      rec.writeUInt16LE(name.length, 28);
      rec.writeUInt16LE(0, 30);
      rec.writeUInt16LE(0, 32);
      added.push(rec, name);
    }
  }
  const cd = Buffer.concat([base.subarray(cdAt, eocdAt), ...added]);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(records.length + 2 * count, 8);
  end.writeUInt16LE(records.length + 2 * count, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(cdAt, 16);
  return Buffer.concat([base.subarray(0, cdAt), cd, end]);
}
