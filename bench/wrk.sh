#!/usr/bin/env bash
# Reading a site's current configuration through the API (200 and 304) against the same bytes served
# as a static file by the same process, with wrk on loopback only. Prints requests/s and the ratio
# API / static for each case. Bounded: every wrk run has a fixed duration and the whole script a timeout.
#
#   bench/wrk.sh [seconds-per-run]     (default 8; 8 runs in all)
set -euo pipefail
SECONDS_PER_RUN="${1:-8}"
HOST=127.0.0.1
PORT="${BENCH_PORT:-5197}"
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WORK="$(mktemp -d /tmp/opsconsole-wrk-XXXXXX)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# The whole script may not outlive this, whatever happens.
( sleep $((SECONDS_PER_RUN * 8 + 240)); echo "wrk.sh: time limit reached" >&2; kill -TERM $$ 2>/dev/null ) &
WATCHDOG=$!
trap 'kill $WATCHDOG 2>/dev/null || true; cleanup' EXIT

command -v wrk >/dev/null || { echo "wrk is not installed: apt-get install -y wrk" >&2; exit 2; }

echo "Building the console (Release)..."
dotnet build "$ROOT/src/OpsConsole" -c Release -v quiet -nologo >/dev/null
APP="$(dirname "$(find "$ROOT/src/OpsConsole/bin/Release" -name OpsConsole -type f -perm -u+x | head -n 1)")"

export Storage__DataDirectory="$WORK/data"
mkdir -p "$WORK/data" "$WORK/static"
(cd "$APP" && ./OpsConsole import --site HK --file "$ROOT/tests/TestData/examples/config.HK.json")
KEY="$(cd "$APP" && ./OpsConsole apikey create --name wrk --sites HK | tail -n 1)"

# Refuse to measure someone else's server left on the port.
if curl -sf "http://$HOST:$PORT/healthz" >/dev/null 2>&1; then echo "Port $PORT is already in use" >&2; exit 2; fi
# Development: the console refuses to start elsewhere without OpenID Connect; logging is turned down so
# neither side of the comparison pays for it. The rate limit is lifted: wrk is one key.
(cd "$APP" && ASPNETCORE_ENVIRONMENT=Development Logging__LogLevel__Default=Warning \
  Api__RateLimit__PermitsPerSecond=100000000 Api__RateLimit__Burst=100000000 \
  Api__BenchmarkStaticFolder="$WORK/static" \
  exec ./OpsConsole --urls "http://$HOST:$PORT" >"$WORK/server.log" 2>&1) &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://$HOST:$PORT/healthz" >/dev/null && break; sleep 0.2; done

API="http://$HOST:$PORT/api/v1/sites/HK/config"
STATIC="http://$HOST:$PORT/bench-static/config.json"
curl -sf -H "X-Api-Key: $KEY" "$API" -o "$WORK/static/config.json"
etag() { curl -sf -D - -o /dev/null "$@" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}'; }
API_ETAG="$(etag -H "X-Api-Key: $KEY" "$API")"
STATIC_ETAG="$(etag "$STATIC")"
cmp <(curl -sf -H "X-Api-Key: $KEY" "$API") <(curl -sf "$STATIC") && echo "Same bytes: $(wc -c <"$WORK/static/config.json") bytes; API ETag $API_ETAG, static ETag $STATIC_ETAG"

rps() { # url etag-or-empty -> requests/s
  local extra=()
  [[ -n "$2" ]] && extra=(-H "If-None-Match: $2")
  wrk -t1 -c32 -d"${SECONDS_PER_RUN}s" --timeout 5s -H "X-Api-Key: $KEY" "${extra[@]}" "$1" | awk '/Requests\/sec/{print $2}'
}

# Warm both paths up (JIT, tiered compilation) before measuring.
wrk -t1 -c32 -d3s -H "X-Api-Key: $KEY" "$API" >/dev/null
wrk -t1 -c32 -d3s "$STATIC" >/dev/null

for case in 200 304; do
  api_etag=""; static_etag=""
  [[ $case == 304 ]] && { api_etag="$API_ETAG"; static_etag="$STATIC_ETAG"; }
  # Interleaved (API, static, static, API) so drift on a shared machine falls on both sides alike.
  a1=$(rps "$API" "$api_etag"); s1=$(rps "$STATIC" "$static_etag"); s2=$(rps "$STATIC" "$static_etag"); a2=$(rps "$API" "$api_etag")
  awk -v c="$case" -v a1="$a1" -v a2="$a2" -v s1="$s1" -v s2="$s2" 'BEGIN {
    a = (a1 + a2) / 2; s = (s1 + s2) / 2;
    printf "%s: API %.0f req/s (%s, %s), static file %.0f req/s (%s, %s), ratio API/static %.2f\n", c, a, a1, a2, s, s1, s2, a / s }'
done
