import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { api, ApiError, unwrap } from '../api/client';
import { session, type SessionUser } from '../api/session';

async function login(username: string, password: string): Promise<void> {
  const r = await unwrap(api.POST('/api/v1/auth/login', { body: { username, password } }));
  session.set({ token: r.token, user: r.user as SessionUser });
}

function useAfterSignIn() {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  return () => {
    queryClient.clear();
    navigate((location.state as { from?: string } | null)?.from ?? '/');
  };
}

/** Sign-in form: text boxes Username and Password, button Sign in. */
export function SignIn() {
  const done = useAfterSignIn();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    setBusy(true);
    setError('');
    try {
      await login(String(f.get('username')), String(f.get('password')));
      done();
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'Wrong username or password.' : String(err.message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow">
      <h1>Sign in</h1>
      <form onSubmit={submit} className="stack">
        <label>Username<input name="username" autoComplete="username" required /></label>
        <label>Password<input name="password" type="password" autoComplete="current-password" required /></label>
        {error ? <p role="alert" className="error">{error}</p> : null}
        <button type="submit" disabled={busy}>Sign in</button>
      </form>
      <p>No account? <Link to="/signup">Create account</Link></p>
    </section>
  );
}

/** Registration (when the server allows it), then signed in at once. */
export function CreateAccount() {
  const done = useAfterSignIn();
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const username = String(f.get('username'));
    const password = String(f.get('password'));
    setBusy(true);
    setError('');
    try {
      await unwrap(api.POST('/api/v1/users', { body: { username, password } }));
      await login(username, password);
      done();
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 403)
        ? 'Registration is closed on this server: ask an administrator for an account.'
        : String(err.message));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="narrow">
      <h1>Create account</h1>
      <form onSubmit={submit} className="stack">
        <label>Username<input name="username" autoComplete="username" required minLength={3} maxLength={64} pattern="[A-Za-z0-9_.\-]{3,64}" aria-describedby="username-hint" /></label>
        <small id="username-hint">3 to 64 letters, digits, _ . or -</small>
        <label>Password<input name="password" type="password" autoComplete="new-password" required minLength={8} aria-describedby="password-hint" /></label>
        <small id="password-hint">At least 8 characters</small>
        {error ? <p role="alert" className="error">{error}</p> : null}
        <button type="submit" disabled={busy}>Create account</button>
      </form>
      <p>Have an account? <Link to="/signin">Sign in</Link></p>
    </section>
  );
}
