#!/usr/bin/env bash
# End-to-end restore benchmark of the snapshot agent (documented in
# tools/ZcashInfra.SnapshotAgent/README.md, "Performance").
#
# Generates a synthetic zebrad state of SIZE_MB MiB, packs it the way published snapshots are
# made (GNU tar | zstd -3), serves it from a loopback HTTP server (Kestrel, 127.0.0.1), and
# measures in the same run, each with /usr/bin/time for peak RSS:
#   (a) the agent's one-pass restore (download → SHA-256 → zstd → extract → verify → move);
#   (b) download-then-extract, the anchors' way: curl -o file, then tar --zstd -x;
#   (c) each stage alone: download to /dev/null (curl), and zstd -d | tar -x from a local file.
# Every command that writes a tree ends with `sync` (the agent syncs before its marker), so no
# variant is credited for leaving its writes in the page cache.
#
# Then the same archive from a capped store: nginx on 127.0.0.1 limiting each connection to
# RATE_MB MB/s (`limit_rate`, as object stores cap each stream), measuring
#   (ca) the agent with its defaults (parallel ranged download);
#   (cb) curl | zstd -d | tar -x (the Zcash Foundation's documented restore);
#   (cc) aria2c -x8 -s8, then zstd -d | tar -x;
# against the limit max(archive / (CONNECTIONS x RATE_MB), extract alone (c2)).
#
# Usage: tools/ZcashInfra.SnapshotAgent.Benchmarks/run.sh
#   SIZE_MB   state size in MiB (default 2048)
#   WORK      scratch directory (default /tmp/snapshot-agent-bench; needs ~3.5 x SIZE_MB free)
#   PORT      loopback port for the file server (default 18765)
#   REPEAT    runs per measurement; the median is reported (default 3)
#   RATE_MB   per-connection cap of the capped store in MB/s (default 30)
#   CPORT     loopback port for nginx (default 18766)
#   KEEP=1    keep WORK afterwards
# Needs nginx and aria2c for the capped part (apt-get install -y nginx aria2).
set -euo pipefail

SIZE_MB=${SIZE_MB:-2048}
WORK=${WORK:-/tmp/snapshot-agent-bench}
PORT=${PORT:-18765}
REPEAT=${REPEAT:-3}
RATE_MB=${RATE_MB:-30}
CPORT=${CPORT:-18766}
CONNECTIONS=8
REPO=$(cd "$(dirname "$0")/../.." && pwd)

for tool in tar zstd curl sha256sum nginx aria2c; do
  command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
if [[ ! -x /usr/bin/time ]]; then
  echo "installing GNU time (for peak RSS)"; apt-get update -qq && apt-get install -y -qq time >/dev/null
fi

echo "== build (Release)"
dotnet build -c Release -v quiet "$REPO/tools/ZcashInfra.SnapshotAgent.Benchmarks" >/dev/null
BIN="$REPO/tools/ZcashInfra.SnapshotAgent.Benchmarks/bin/Release/net10.0"
AGENT="$REPO/tools/ZcashInfra.SnapshotAgent/bin/Release/net10.0/zcash-snapshot-agent.dll"

rm -rf "$WORK"; mkdir -p "$WORK/www"
server_pid=""
nginx_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null || true
  [[ -n "$nginx_pid" ]] && kill "$nginx_pid" 2>/dev/null || true
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$WORK"
}
trap cleanup EXIT

echo "== synthetic state: $SIZE_MB MiB"
dotnet "$BIN/ZcashInfra.SnapshotAgent.Benchmarks.dll" gen --dir "$WORK/src" --size-mb "$SIZE_MB"
tar -C "$WORK/src" -cf - state | zstd -q -T0 -3 -o "$WORK/www/state.tar.zst"
rm -rf "$WORK/src"
ARCHIVE="$WORK/www/state.tar.zst"
BYTES=$(stat -c %s "$ARCHIVE")
SHA=$(sha256sum "$ARCHIVE" | cut -d' ' -f1)
echo "archive: $BYTES bytes, sha256 $SHA"

dotnet "$BIN/ZcashInfra.SnapshotAgent.Benchmarks.dll" serve --root "$WORK/www" --port "$PORT" &
server_pid=$!
URL="http://127.0.0.1:$PORT/state.tar.zst"
for _ in $(seq 100); do curl -sf -o /dev/null -r 0-0 "$URL" && break; sleep 0.1; done

# measure KEY LABEL CMD...: runs CMD REPEAT times under /usr/bin/time; keeps the median wall
# time and the largest peak RSS (KiB).
declare -A SECS RSS
measure() {
  local key=$1 label=$2; shift 2
  local times=() rss=0 secs r i
  for ((i = 0; i < REPEAT; i++)); do
    sync; rm -rf "$WORK/t" "$WORK/dl.tar.zst"; mkdir -p "$WORK/t"; sync
    /usr/bin/time -f "%e %M" -o "$WORK/time.$key" "$@" >"$WORK/log.$key" 2>&1 || { echo "$label failed:"; cat "$WORK/log.$key"; exit 1; }
    read -r secs r <"$WORK/time.$key"
    times+=("$secs"); (( r > rss )) && rss=$r
  done
  secs=$(printf "%s\n" "${times[@]}" | sort -g | sed -n "$(( (REPEAT + 1) / 2 ))p")
  SECS[$key]=$secs; RSS[$key]=$rss
  printf "%-34s %7.2f s  %8.1f MiB/s  peak RSS %6.1f MiB   (runs: %s)\n" "$label" "$secs" "$(echo "$BYTES/1048576/$secs" | bc -l)" "$(echo "$rss/1024" | bc -l)" "${times[*]}"
}
command -v bc >/dev/null || { apt-get update -qq && apt-get install -y -qq bc >/dev/null; }

echo "== measurements (archive bytes / wall time)"
measure c1 "(c1) download only (curl)" curl -sf -o /dev/null "$URL"
measure c2 "(c2) zstd -d | tar -x, local file" bash -c "zstd -dc '$ARCHIVE' | tar -x -C '$WORK/t' && sync"
measure b "(b) curl -o, then tar --zstd -x" bash -c "curl -sf -o '$WORK/dl.tar.zst' '$URL' && tar --zstd -xf '$WORK/dl.tar.zst' -C '$WORK/t' && sync"
measure a "(a) agent restore" dotnet "$AGENT" restore --url "$URL" --sha256 "$SHA" --network mainnet --implementation zebrad --db-major 28 --target "$WORK/t" --progress-interval-seconds 5
grep -E "sha256 .* verified|restored" "$WORK/log.a" | sed 's/^/  agent: /'

# The capped store: nginx, each connection limited to RATE_MB MB/s (limit_rate counts bytes per
# second per connection: nginx.org/en/docs/http/ngx_http_core_module.html#limit_rate).
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 256; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $WORK/nginx-tmp;
  proxy_temp_path $WORK/nginx-tmp;
  fastcgi_temp_path $WORK/nginx-tmp;
  uwsgi_temp_path $WORK/nginx-tmp;
  scgi_temp_path $WORK/nginx-tmp;
  server {
    listen 127.0.0.1:$CPORT;
    root $WORK/www;
    limit_rate ${RATE_MB}m;
  }
}
CONF
mkdir -p "$WORK/nginx-tmp"
nginx -c "$WORK/nginx.conf" -p "$WORK" &
nginx_pid=$!
CURL_CAPPED="http://127.0.0.1:$CPORT/state.tar.zst"
for _ in $(seq 100); do curl -sf -o /dev/null -r 0-0 "$CURL_CAPPED" && break; sleep 0.1; done

echo "== capped store: $RATE_MB MB/s per connection (nginx limit_rate)"
measure ca "(ca) agent restore, defaults" dotnet "$AGENT" restore --url "$CURL_CAPPED" --sha256 "$SHA" --network mainnet --implementation zebrad --db-major 28 --target "$WORK/t" --progress-interval-seconds 5
measure cb "(cb) curl | zstd -d | tar -x" bash -c "curl -sf '$CURL_CAPPED' | zstd -dc | tar -x -C '$WORK/t' && sync"
measure cc "(cc) aria2c -x8 -s8, zstd -d | tar -x" bash -c "aria2c -q -x8 -s8 --allow-overwrite=true --file-allocation=none -d '$WORK' -o dl.tar.zst '$CURL_CAPPED' && zstd -dc '$WORK/dl.tar.zst' | tar -x -C '$WORK/t' && sync"
transfer_limit=$(echo "$BYTES / ($CONNECTIONS * $RATE_MB * 1000000)" | bc -l)
limit=$(echo "if ($transfer_limit > ${SECS[c2]}) $transfer_limit else ${SECS[c2]}" | bc -l)
printf "limit max(size / (%d x %d MB/s) = %.2f s, extract alone = %.2f s) = %.2f s\n" "$CONNECTIONS" "$RATE_MB" "$transfer_limit" "${SECS[c2]}" "$limit"

slowest=$(echo "if (${SECS[c1]} > ${SECS[c2]}) ${SECS[c1]} else ${SECS[c2]}" | bc -l)
vs_stage=$(echo "$slowest / ${SECS[a]}" | bc -l)
vs_two_step=$(echo "${SECS[b]} / ${SECS[a]}" | bc -l)
echo "== result"
printf "agent vs slowest single stage: %.2fx (target >= 0.9)\n" "$vs_stage"
printf "agent vs download-then-extract: %.2fx (target >= 1.5)\n" "$vs_two_step"
printf "capped: agent / limit: %.2fx (target <= 1.25)\n" "$(echo "${SECS[ca]} / $limit" | bc -l)"
printf "capped: aria2c-then-extract / agent: %.2fx (target >= 1.3)\n" "$(echo "${SECS[cc]} / ${SECS[ca]}" | bc -l)"
printf "capped: curl | zstd | tar / agent: %.2fx\n" "$(echo "${SECS[cb]} / ${SECS[ca]}" | bc -l)"
printf "uncapped: agent / extract alone: %.2fx (target <= 1.1)\n" "$(echo "${SECS[a]} / ${SECS[c2]}" | bc -l)"
printf "agent peak RSS: %.1f MiB uncapped, %.1f MiB capped (target < 256)\n" "$(echo "${RSS[a]}/1024" | bc -l)" "$(echo "${RSS[ca]}/1024" | bc -l)"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(uname -r); $(date -u +%Y-%m-%d)"
