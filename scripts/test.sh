#!/usr/bin/env bash
# The whole test suite (the README's test command, and what .ci/run calls): installs what is
# missing (the toolchains of every language included), starts Redis and PostgreSQL if they do not
# answer, then runs the unit specs, the e2e specs (real Redis, SQLite and PostgreSQL, real sandboxed
# processes, real WebSocket) and the Docker Compose stack (test/compose/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Every language's toolchain: the e2e suite judges each one (apps/judge/test/languages.e2e-spec.ts).
bash scripts/setup-languages.sh
# The web app's browser tests drive Debian's chromium (and zip builds a package upload).
if ! command -v chromium >/dev/null 2>&1 || ! command -v zip >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1200 install -y -qq chromium zip >/dev/null
  fi
fi
# The built apps are part of what is tested (boot.e2e-spec.ts runs them).
npm run build

results=$(mktemp -d)
status=0
npx jest --selectProjects unit --json --outputFile "$results/unit.json" "$@" || status=1
npx jest --selectProjects e2e --runInBand --json --outputFile "$results/e2e.json" "$@" || status=1
# The Docker Compose deployment, started for real (its own dockerd; the host is restored after).
# Says plainly when Docker cannot run here; that is a failure only on CI (CI=true).
bash test/compose/run.sh --json "$results/compose.json" || status=1
node -e '
  let p = 0, f = 0, s = 0;
  for (const file of process.argv.slice(1)) {
    try { const r = require(file); p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites; s += r.numPendingTests; } catch { f += 1; }
  }
  console.log(`${p} passed, ${f} failed, ${s} skipped`);
' "$results/unit.json" "$results/e2e.json" "$results/compose.json"
rm -rf "$results"
exit $status
