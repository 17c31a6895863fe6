#!/usr/bin/env bash
# 10,000 watches (or $1) waiting on one instance, then a publish: latency to every answer and the
# server's memory per waiting watch. Loopback only; bounded by a timeout.
# WATCHLOAD_CLIENT=c (the default here) drives the watches from bench/watchc, a C epoll loop, so that the
# driver takes as little as possible of the cores it shares with the server; WATCHLOAD_CLIENT=http uses
# HttpClient instead (WATCHLOAD_HTTP=2: over h2c). More options: bench/WatchLoad/WatchLoad.cs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WATCHES="${1:-10000}"
# Two sockets per watch across the two processes.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build "$ROOT/bench/WatchLoad" -c Release -v quiet -nologo -clp:ErrorsOnly >&2
TOOL="$(find "$ROOT/bench/WatchLoad/bin/Release" -name WatchLoad -type f -perm -u+x | head -n 1)"
export WATCHLOAD_CLIENT="${WATCHLOAD_CLIENT:-c}"
if [ "$WATCHLOAD_CLIENT" = c ]; then
  export WATCHC="$ROOT/bench/watchc/bin/watchc"
  mkdir -p "$(dirname "$WATCHC")"
  gcc -O2 -Wall -Wextra -Werror -o "$WATCHC" "$ROOT/bench/watchc/watchc.c"
fi
timeout 300 "$TOOL" "$WATCHES"
