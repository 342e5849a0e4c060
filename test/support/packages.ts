import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ZipFile } from 'yazl';
import { authHeaders, AuthOptions } from './stack';

/** Zips a package folder in memory (files under `<name>/`, as people usually zip a folder). */
export function zipDirectory(dir: string, top: string): Promise<Buffer> {
  const zip = new ZipFile();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else zip.addBuffer(readFileSync(p), `${top}/${relative(dir, p)}`);
    }
  };
  walk(dir);
  zip.end();
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks))).on('error', reject);
  });
}

/** Uploads a zip to `POST /api/v1/problems/import` as multipart field `package` (as the admin unless `opts` says otherwise). */
export async function importZip(base: string, zip: Buffer, fileName: string, query = '', opts: AuthOptions = {}): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('package', new Blob([new Uint8Array(zip)]), fileName);
  const res = await fetch(`${base}/api/v1/problems/import${query}`, { method: 'POST', body: form, headers: authHeaders(opts) });
  return { status: res.status, body: await res.json() };
}

/** Zips `dir` and imports it with id `id` (replacing an existing problem). */
export async function importDirectory(base: string, dir: string, id: string): Promise<any> {
  const r = await importZip(base, await zipDirectory(dir, id), `${id}.zip`, `?id=${id}&replace=true`);
  if (r.status !== 201) throw new Error(`import ${dir}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}
