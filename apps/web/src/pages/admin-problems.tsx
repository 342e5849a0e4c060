import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { session, useSession } from '../api/session';
import { formatKiB, formatMs } from '../lib/format';

/**
 * POSTs a package zip to /api/v1/problems/import with upload progress. XMLHttpRequest, not the
 * typed client: fetch cannot report upload progress.
 */
function uploadPackage(file: File, onProgress: (fraction: number) => void): Promise<{ id: string; title: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/problems/import');
    const token = session.token();
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onload = () => {
      let body: { message?: string | string[]; id?: string; title?: string } = {};
      try { body = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as { id: string; title: string });
      else reject(new Error(Array.isArray(body.message) ? body.message.join('; ') : body.message ?? `${xhr.status} ${xhr.statusText}`));
    };
    xhr.onerror = () => reject(new Error('the upload failed (network)'));
    const form = new FormData();
    form.append('package', file);
    xhr.send(form);
  });
}

/** For admins and setters: import a problem package (zip) with progress; the problems, each deletable. */
export function AdminProblems() {
  const s = useSession();
  const queryClient = useQueryClient();
  const problems = useQuery({ queryKey: ['problems'], queryFn: () => unwrap(api.GET('/api/v1/problems')) });
  const [progress, setProgress] = useState<number>();
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();
  if (!s || (s.user.role !== 'admin' && s.user.role !== 'setter')) {
    return <section className="narrow"><h1>Manage problems</h1><p>Only admins and setters manage problems. <Link to="/signin">Sign in</Link></p></section>;
  }
  const onImport = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = e.currentTarget;
    const file = (form.elements.namedItem('package') as HTMLInputElement).files?.[0];
    if (!file) return;
    setMessage(undefined);
    setProgress(0);
    try {
      const p = await uploadPackage(file, setProgress);
      setMessage({ ok: true, text: `Imported ${p.title} (${p.id}).` });
      form.reset();
      await queryClient.invalidateQueries({ queryKey: ['problems'] });
    } catch (err) {
      setMessage({ ok: false, text: `Import failed: ${err.message}` });
    } finally {
      setProgress(undefined);
    }
  };
  const onDelete = async (id: string, title: string) => {
    if (!window.confirm(`Delete ${title}? Its tests are deleted too.`)) return;
    try {
      await unwrap(api.DELETE('/api/v1/problems/{id}', { params: { path: { id } } }));
      setMessage({ ok: true, text: `Deleted ${title}.` });
    } catch (err) {
      setMessage({ ok: false, text: `Delete failed: ${err.message}` });
    }
    await queryClient.invalidateQueries({ queryKey: ['problems'] });
  };
  return (
    <section>
      <h1>Manage problems</h1>
      <form onSubmit={onImport} className="row">
        <label className="inline">Problem package (zip)<input name="package" type="file" accept=".zip,application/zip" required /></label>
        <button type="submit" disabled={progress !== undefined}>Import</button>
        {progress !== undefined ? <progress aria-label="Upload progress" max={1} value={progress} /> : null}
      </form>
      {message ? <p role={message.ok ? 'status' : 'alert'} className={message.ok ? 'ok' : 'error'}>{message.text}</p> : null}
      <table className="list">
        <caption className="sr-only">Problems</caption>
        <thead><tr><th scope="col">Title</th><th scope="col">Id</th><th scope="col">Tests</th><th scope="col">Limits</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(problems.data ?? []).map((p) => (
            <tr key={p.id}>
              <td><Link to={`/problems/${p.id}`}>{p.title}</Link></td>
              <td><code>{p.id}</code></td>
              <td>{p.testCount}</td>
              <td>{formatMs(p.timeLimitMs)} · {formatKiB(p.memoryLimitKb)}</td>
              <td><button type="button" className="danger" aria-label={`Delete ${p.title}`} onClick={() => onDelete(p.id, p.title)}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
