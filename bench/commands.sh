#!/usr/bin/env bash
# Command benchmarks: `care user show` against a local sandbox beside a single curl GET of the
# same user (both whole processes), a name search, a card found by name, and `care --help`. Medians of 20 runs, side by side.
# Needs: a release build (cargo build --release), hyperfine, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
care=$(realpath "${CARE_BIN:-target/release/care}")
dir=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT

. bench/serve.sh
serve "$dir/bench.db"
user=maria.garcia@district.example

hyperfine -N --warmup 3 --runs 20 --export-json "$dir/show.json" \
  -n "curl GET /v1.0/users/{upn}" "env T=$TOKEN curl -s -o /dev/null -H 'Authorization: Bearer $TOKEN' $CARE_GRAPH_URL/v1.0/users/$user" \
  -n "care user show (CARE_TOKEN)" "env CARE_TOKEN=$TOKEN $care user show $user" \
  -n "care user show (client credentials)" "$care user show $user" \
  -n "care user show -o json (CARE_TOKEN)" "env CARE_TOKEN=$TOKEN $care -o json user show $user" \
  -n "care user search 'garcia cedar' (CARE_TOKEN)" "env CARE_TOKEN=$TOKEN $care user search 'garcia cedar'" \
  -n "care user show 'zoe muller' (CARE_TOKEN)" "env CARE_TOKEN=$TOKEN $care user show 'zoe muller'" \
  -n "care --help" "$care --help"
python3 - "$dir/show.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
curl = results[0]["median"]
print("| command | median | vs curl |\n|---|---|---|")
for r in results:
    print(f"| {r['command']} | {r['median']*1000:.1f} ms | {r['median']/curl:.2f}x |")
PY
