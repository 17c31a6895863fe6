#!/usr/bin/env bash
# 10,000 watches (or $1) waiting on one instance, then a publish: latency to every answer and the
# server's memory per waiting watch. Loopback only; bounded by a timeout.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WATCHES="${1:-10000}"
# Two sockets per watch across the two processes.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
dotnet build "$ROOT/bench/WatchLoad" -c Release -v quiet -nologo >/dev/null
TOOL="$(find "$ROOT/bench/WatchLoad/bin/Release" -name WatchLoad -type f -perm -u+x | head -n 1)"
timeout 300 "$TOOL" "$WATCHES"
