#!/usr/bin/env bash
# Sandbox benchmarks: seeding, start-up on an existing database, and throughput of
# GET /v1.0/users/{upn} and phone-method PATCH with keep-alive clients.
# Needs: a release build (cargo build --release), wrk and hyperfine (apt-get install wrk hyperfine).
set -euo pipefail
cd "$(dirname "$0")/.."
care=${CARE_BIN:-target/release/care}
dir=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
duration=${DURATION:-10s}

echo "== first seeding of 2,000 users (5 fresh databases)"
for i in 1 2 3 4 5; do
  "$care" sandbox reset --yes --db "$dir/seed$i.db" 2>&1 | sed 's/^/   /'
done

echo "== start-up on an existing database (care sandbox serve, until it prints its first variable)"
cat >"$dir/startup.sh" <<SH
#!/usr/bin/env bash
{ "$care" sandbox serve --listen 127.0.0.1:0 --db "$dir/seed1.db" 2>/dev/null & echo \$! >"$dir/pid"; } |
  { read -r _; kill "\$(cat "$dir/pid")"; }
SH
chmod +x "$dir/startup.sh"
hyperfine --warmup 3 --runs 30 -N "$dir/startup.sh" "$care --version" 2>&1 | sed 's/^/   /'

echo "== throughput (wrk, 2 threads, 32 keep-alive connections, $duration each)"
. bench/serve.sh
serve "$dir/seed1.db"
echo "-- GET /v1.0/users/{upn}"
wrk -t2 -c32 -d"$duration" -s bench/get.lua "$CARE_GRAPH_URL" | sed 's/^/   /'
echo "-- PATCH /v1.0/users/{upn}/authentication/phoneMethods/{mobile}"
wrk -t2 -c32 -d"$duration" -s bench/patch.lua "$CARE_GRAPH_URL" | sed 's/^/   /'
