import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { api, unwrap } from '../api/client';
import { useSession } from '../api/session';

type Role = 'admin' | 'setter' | 'user';

/** For admins: API keys for programs; a new key is shown once. */
export function ApiKeys() {
  const s = useSession();
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ['keys'], enabled: s?.user.role === 'admin', queryFn: () => unwrap(api.GET('/api/v1/keys')) });
  const [created, setCreated] = useState<{ name: string; key: string }>();
  const [error, setError] = useState<string>();
  if (s?.user.role !== 'admin') {
    return <section className="narrow"><h1>API keys</h1><p>Only admins manage API keys. <Link to="/signin">Sign in</Link></p></section>;
  }
  const onCreate = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setError(undefined);
    try {
      const k = await unwrap(api.POST('/api/v1/keys', { body: { name: String(f.get('name')), role: String(f.get('role')) as Role } }));
      setCreated({ name: k.name, key: k.key });
      e.currentTarget?.reset();
      await queryClient.invalidateQueries({ queryKey: ['keys'] });
    } catch (err) {
      setError(err.message);
    }
  };
  const onDelete = async (id: string, name: string) => {
    if (!window.confirm(`Delete the key ${name}? Programs using it stop working at once.`)) return;
    try {
      await unwrap(api.DELETE('/api/v1/keys/{id}', { params: { path: { id } } }));
    } catch (err) {
      setError(err.message);
    }
    await queryClient.invalidateQueries({ queryKey: ['keys'] });
  };
  return (
    <section>
      <h1>API keys</h1>
      <form onSubmit={onCreate} className="row">
        <label className="inline">Name<input name="name" required maxLength={100} /></label>
        <label className="inline">Role
          <select name="role" defaultValue="user">
            <option value="user">user</option>
            <option value="setter">setter</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit">Create key</button>
      </form>
      {error ? <p role="alert" className="error">{error}</p> : null}
      {created ? (
        <div role="status" className="ok">
          <p>Key <strong>{created.name}</strong> (shown only now, copy it):</p>
          <pre tabIndex={0} aria-label="New key">{created.key}</pre>
        </div>
      ) : null}
      <table className="list">
        <caption className="sr-only">API keys</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Starts with</th><th scope="col">Created</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
        <tbody>
          {(keys.data ?? []).map((k) => (
            <tr key={k.id}>
              <td>{k.name}</td>
              <td>{k.role}</td>
              <td><code>{k.prefix}…</code></td>
              <td>{new Date(k.createdAt).toLocaleString()}</td>
              <td><button type="button" className="danger" aria-label={`Delete key ${k.name}`} onClick={() => onDelete(k.id, k.name)}>Delete</button></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
