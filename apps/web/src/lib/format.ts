/** "250 ms", "2 s" (ms in). */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '–';
  return ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** "512 KiB", "256 MiB", "1.5 GiB" (KiB in). */
export function formatKiB(kb: number | null | undefined): string {
  if (kb === null || kb === undefined) return '–';
  if (kb >= 1024 * 1024) return `${+(kb / 1024 / 1024).toFixed(1)} GiB`;
  if (kb >= 1024) return `${+(kb / 1024).toFixed(1)} MiB`;
  return `${kb} KiB`;
}
