/**
 * Bounds a graceful shutdown. Once SIGTERM or SIGINT arrives (Nest's shutdown hooks then close
 * the app), the process exits with code 1 and a log line if it is still alive `ms` later: a close
 * that waits on an unreachable Redis or database must not keep a judge or gateway alive forever,
 * which would hold its queue locks' renewal and its port and leave an orchestrator to SIGKILL it.
 * The timer is unref'd: it never keeps a process alive by itself.
 * `signals` and `exit` are for tests (the process and `process.exit` otherwise).
 */
export function boundShutdown(
  ms: number,
  log: (message: string) => void,
  signals: Pick<NodeJS.EventEmitter, 'once'> = process,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let armed = false;
  const arm = (signal: string) => {
    if (armed) return;
    armed = true;
    setTimeout(() => {
      log(`shutdown after ${signal} did not finish within ${ms} ms: exiting now`);
      exit(1);
    }, ms).unref();
  };
  for (const signal of ['SIGTERM', 'SIGINT']) signals.once(signal, () => arm(signal));
}
