import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext } from 'react';
import { Link, NavLink, Route, Routes, useNavigate } from 'react-router';
import { api } from './api/client';
import { session, useSession } from './api/session';
import { type Theme, useTheme } from './lib/theme';
import { AdminProblems } from './pages/admin-problems';
import { ApiKeys } from './pages/api-keys';
import { CreateAccount, SignIn } from './pages/sign-in';
import { ProblemList } from './pages/problem-list';
import { ProblemPage } from './pages/problem-page';
import { SubmissionPage } from './pages/submission-page';

export const ThemeContext = createContext<Theme>('light');
export const useDark = () => useContext(ThemeContext) === 'dark';

/** The page frame: header with navigation, account and theme; the routes. */
export function App() {
  const [theme, setTheme] = useTheme();
  return (
    <ThemeContext.Provider value={theme}>
      <a className="skip" href="#main">Skip to content</a>
      <Header theme={theme} onTheme={setTheme} />
      <main id="main">
        <Routes>
          <Route path="/" element={<ProblemList />} />
          <Route path="/problems/:id" element={<ProblemPage />} />
          <Route path="/submissions/:id" element={<SubmissionPage />} />
          <Route path="/signin" element={<SignIn />} />
          <Route path="/signup" element={<CreateAccount />} />
          <Route path="/admin/problems" element={<AdminProblems />} />
          <Route path="/admin/keys" element={<ApiKeys />} />
          <Route path="*" element={<NotFound />} />
        </Routes>
      </main>
    </ThemeContext.Provider>
  );
}

function Header({ theme, onTheme }: { theme: Theme; onTheme(t: Theme): void }) {
  const s = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const signOut = async () => {
    await api.POST('/api/v1/auth/logout').catch(() => undefined);
    session.set(null);
    queryClient.clear();
    navigate('/');
  };
  return (
    <header className="top">
      <nav aria-label="Main">
        <Link to="/" className="brand">Online judge</Link>
        <NavLink to="/" end>Problems</NavLink>
        {s?.user.role === 'admin' || s?.user.role === 'setter' ? <NavLink to="/admin/problems">Manage problems</NavLink> : null}
        {s?.user.role === 'admin' ? <NavLink to="/admin/keys">API keys</NavLink> : null}
      </nav>
      <div className="account">
        <button type="button" className="ghost" aria-pressed={theme === 'dark'} onClick={() => onTheme(theme === 'dark' ? 'light' : 'dark')}>
          Dark theme
        </button>
        {s ? (
          <>
            <span className="who">{s.user.username}</span>
            <button type="button" onClick={signOut}>Sign out</button>
          </>
        ) : (
          <>
            <NavLink to="/signin">Sign in</NavLink>
            <NavLink to="/signup">Create account</NavLink>
          </>
        )}
      </div>
    </header>
  );
}

function NotFound() {
  return (
    <section className="narrow">
      <h1>Not found</h1>
      <p><Link to="/">Back to the problems</Link></p>
    </section>
  );
}
