#!/usr/bin/env bash
# The whole test suite (the README's test command, and what .ci/run calls): installs what is
# missing (the toolchains of every language included), starts Redis and PostgreSQL if they do not
# answer, then runs the unit specs and the e2e specs (real Redis, SQLite and PostgreSQL, real
# sandboxed processes, real WebSocket), then the other ways the judge runs: not as root
# (scripts/test-rootless.sh: the sandbox-mode spec as an unprivileged user), on cgroup v2 in a QEMU
# guest this script boots itself (scripts/vm/test-cgroup-v2.sh: the sandbox suite and the
# sandbox-mode spec as root, the sandbox-mode spec as a user with a delegated subtree, and a
# bounded demo), and the Docker Compose stack (test/compose/run.sh). Each prints its
# time. The guest and Docker are skipped, saying why, when they cannot run here, except on CI
# (CI=true), where that fails the run; OJ_TEST_VM=0 skips the guest on purpose (never on CI).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Every language's toolchain: the e2e suite judges each one (apps/judge/test/languages.e2e-spec.ts).
bash scripts/setup-languages.sh
# setup.sh installed chromium (the browser tests); the web app's test also zips a package upload.
if ! command -v zip >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=1200 install -y -qq zip >/dev/null
  fi
fi
# The built apps are part of what is tested (boot.e2e-spec.ts runs them).
npm run build

results=$(mktemp -d)
status=0
npx jest --selectProjects unit --json --outputFile "$results/unit.json" "$@" || status=1
npx jest --selectProjects e2e --runInBand --json --outputFile "$results/e2e.json" "$@" || status=1
secs() { echo $(( $(date +%s) - $1 )); }
paths=""
if [ $# -eq 0 ] && [ "$(id -u)" = 0 ]; then
  t=$(date +%s)
  if bash scripts/test-rootless.sh; then paths+="not as root: passed ($(secs "$t") s); "; else status=1; paths+="not as root: FAILED ($(secs "$t") s); "; fi
elif [ $# -eq 0 ]; then
  paths+="not as root: this run is not root already; "
fi
if [ $# -gt 0 ]; then
  :  # a targeted run (jest arguments given): unit and e2e only
elif [ "${OJ_TEST_VM:-1}" = 0 ] && [ "${CI:-}" != true ]; then
  paths+="cgroup-v2 guest: skipped (OJ_TEST_VM=0); "
elif ! why=$(bash scripts/vm/run.sh --check 2>&1); then
  echo "cgroup-v2 guest: cannot boot one here: $why" >&2
  if [ "${CI:-}" = true ]; then status=1; paths+="cgroup-v2 guest: FAILED (required on CI, cannot boot); "
  else paths+="cgroup-v2 guest: NOT RUN (cannot boot a guest here, see above); "; fi
else
  t=$(date +%s)
  if bash scripts/vm/test-cgroup-v2.sh; then paths+="cgroup-v2 guest: passed ($(secs "$t") s); "; else status=1; paths+="cgroup-v2 guest: FAILED ($(secs "$t") s); "; fi
fi

# The Docker Compose deployment, started for real (its own dockerd; the host is restored after).
# Says plainly when Docker cannot run here; that is a failure only on CI (CI=true).
if [ $# -eq 0 ]; then
  t=$(date +%s)
  if bash test/compose/run.sh --json "$results/compose.json"; then paths+="docker compose: passed ($(secs "$t") s); "; else status=1; paths+="docker compose: FAILED ($(secs "$t") s); "; fi
fi
if [ -n "$paths" ]; then echo "${paths%; }"; fi
node -e '
  let p = 0, f = 0, s = 0;
  for (const file of process.argv.slice(1)) {
    if (file.endsWith("compose.json") && !require("fs").existsSync(file)) continue; // a targeted run
    try { const r = require(file); p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites; s += r.numPendingTests; } catch { f += 1; }
  }
  console.log(`${p} passed, ${f} failed, ${s} skipped`);
' "$results/unit.json" "$results/e2e.json" "$results/compose.json"
rm -rf "$results"
exit $status
