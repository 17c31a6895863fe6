#!/usr/bin/env bash
# Runs every test project of OpsConsole and prints one total line: "N passed, N failed, N skipped".
# Prepares what the tests need when it is missing: Debian's Chromium for the browser tests and the
# Node packages of the test identity provider. Exits non-zero when a test fails, a project does
# not report, or no test ran at all.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  echo "==> Installing Chromium from Debian (the browser tests drive it)"
  # A fresh machine may be running apt already (unattended upgrades): wait for its lock rather than fail.
  as_root apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
fi

for package in tests/*/package.json; do
  [ -e "$package" ] || continue
  dir=$(dirname "$package")
  if [ ! -d "$dir/node_modules" ]; then
    echo "==> Installing the Node packages of $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

echo "==> Building"
dotnet build OpsConsole.sln -c Release -nologo -v quiet

results=.artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

projects=(tests/OpsConsole.Domain.Tests tests/OpsConsole.Tests tests/OpsConsole.EndToEnd)
# The journeys' console writes its log here when they end (tests/OpsConsole.EndToEnd/Infrastructure/Browser.cs).
export OPSCONSOLE_SERVER_LOG="$PWD/$results/console-server.log"
passed=0 failed=0 skipped=0 broken=0
for project in "${projects[@]}"; do
  name=$(basename "$project")
  echo "==> Testing $name"
  set +e
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" --results-directory "$results" \
    | grep -v -E '^\s+Passed ' 
  set -e
  trx="$results/$name.trx"
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null || true)
  if [ -z "$counters" ]; then
    echo "!! $name did not report results"
    broken=$((broken + 1))
    continue
  fi
  count() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(count passed) f=$(count failed) t=$(count total) e=$(count executed)
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + t - e))
  echo "    $name: $p passed, $f failed, $((t - e)) skipped"
  if [ "$f" -ne 0 ] && [ -s "$results/console-server.log" ]; then
    echo "==> The end of the console's log during the journeys ($results/console-server.log)"
    tail -n 150 "$results/console-server.log"
    if [ -s "$results/console-server.browser.log" ]; then
      echo "==> The end of what the browser's pages said ($results/console-server.browser.log)"
      tail -n 80 "$results/console-server.browser.log"
    fi
  fi
done

if [ "$failed" -ne 0 ]; then
  # Again at the very end: a CI log is often kept only by its tail, and the failures scroll past above.
  echo "==> Failed tests"
  for trx in "$results"/*.trx; do awk -f tests/trx-failures.awk "$trx"; done
fi
failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ]; then exit 1; fi
if [ "$passed" -eq 0 ]; then echo "No test ran: that is a failure, not a pass." >&2; exit 1; fi
