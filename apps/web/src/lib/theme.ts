import { useEffect, useState } from 'react';

export type Theme = 'light' | 'dark';

function initial(): Theme {
  try {
    const saved = localStorage.getItem('oj:theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    /* no storage */
  }
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/** The colour theme: the saved choice, else the system's; set on <html data-theme>. */
export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(initial);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    try {
      localStorage.setItem('oj:theme', theme);
    } catch {
      /* no storage */
    }
  }, [theme]);
  return [theme, setTheme];
}
