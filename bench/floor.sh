#!/usr/bin/env bash
# The machine's floor for bench/watch.sh: the same 10,000 watches (or $1) from bench/watchc, answered by
# bench/watchc/floor.c, a C server that does nothing but park each connection and, on "go", send every one the
# same HTTP/1.1 answer (the HK release document, uncompressed) with one send() each, on 2 threads. What watch.sh
# measures above this is Kestrel's and the console's own work. Loopback only; bounded by a timeout.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
WATCHES="${1:-10000}"
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"
BIN="$ROOT/bench/watchc/bin"
mkdir -p "$BIN"
gcc -O2 -Wall -Wextra -Werror -o "$BIN/watchc" "$ROOT/bench/watchc/watchc.c"
gcc -O2 -Wall -Wextra -Werror -pthread -o "$BIN/floor" "$ROOT/bench/watchc/floor.c"
WORK="$(mktemp -d /tmp/opsconsole-floor-XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# The body: the demo HK configuration as a release document would carry it, without whitespace.
python3 -c "import json,sys; print(json.dumps({'site':'HK','version':2,'config':json.load(open(sys.argv[1]))},separators=(',',':'),ensure_ascii=False),end='')" \
  "$ROOT/src/OpsConsole.Domain/Demo/HK.json" > "$WORK/body.json"
printf 'GET /api/v1/sites/HK/config/watch?after=1&timeout=60 HTTP/1.1\r\nHost: 127.0.0.1:5299\r\nX-Api-Key: ops_0123456789012345678901234567890123456789012\r\n\r\n' > "$WORK/request.http"
timeout 120 python3 - "$BIN" "$WORK" "$WATCHES" <<'PY'
import subprocess, sys, time
bin_dir, work, watches = sys.argv[1], sys.argv[2], int(sys.argv[3])
for run in range(1, 4):
    server = subprocess.Popen([f"{bin_dir}/floor", "5299", "2", f"{work}/body.json"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert server.stdout.readline().strip() == "ready"
    client = subprocess.Popen([f"{bin_dir}/watchc", "5299", str(watches), f"{work}/request.http"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert client.stdout.readline().strip() == "sent"
    while True:
        server.stdin.write("count\n"); server.stdin.flush()
        if int(server.stdout.readline().split()[1]) >= watches: break
        time.sleep(0.1)
    time.sleep(1)
    server.stdin.write("go\n"); server.stdin.flush()
    go = int(server.stdout.readline().split()[1])
    sent = int(server.stdout.readline().split()[1])
    assert client.stdout.readline().strip() == "done"
    lines = [client.stdout.readline().split() for _ in range(watches)]
    latencies = sorted((int(read) - go) / 1e6 for status, read, arrived in lines)
    arrivals = sorted((int(arrived) - go) / 1e6 for status, read, arrived in lines)
    ok = sum(1 for status, read, arrived in lines if status == "200")
    p = lambda values, q: values[min(len(values) - 1, max(0, int(-(-q * len(values) // 1)) - 1))]
    # watchc prints 0 for an answer that came without a kernel receive timestamp: then arrivals are not reported.
    arrival = (f"go to arrival in the driver's socket p50 {p(arrivals, 0.5):.1f} ms, p99 {p(arrivals, 0.99):.1f} ms"
               if all(arrived != "0" for status, read, arrived in lines) else "no kernel receive timestamps")
    print(f"floor run {run}: {ok} x 200 of {watches}; all sent {(sent - go) / 1e6:.1f} ms after go; go to answer p50 {p(latencies, 0.5):.1f} ms, "
          f"p99 {p(latencies, 0.99):.1f} ms, max {latencies[-1]:.1f} ms; {arrival}")
    client.stdin.close(); client.wait()
    server.stdin.close(); server.kill(); server.wait()
PY
