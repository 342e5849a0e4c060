/**
 * The newer of two states of one submission, by `revision` (it grows with every saved change):
 * a frame that arrives late, or a GET answer older than a frame already shown, never rolls the
 * view back. A state of another submission is ignored.
 */
export function mergeByRevision<T extends { id: string; revision: number }>(current: T | undefined, incoming: T): T {
  if (!current) return incoming;
  if (incoming.id !== current.id) return current;
  return incoming.revision > current.revision ? incoming : current;
}

/** True once the submission can change no more. */
export function isFinal(s: { status: string } | undefined): boolean {
  return s?.status === 'finished';
}
