#!/usr/bin/env bash
# Bulk benchmarks (issue 7):
#  1. rows/s of `care bulk phone-set` for 5,000 rows against an unthrottled sandbox, beside the
#     sandbox's raw PATCH capacity measured by wrk at the same concurrency (goal: ratio >= 0.8);
#  2. the time to finish 600 rows under `sandbox serve --write-limit 200/10`, as a ratio to the
#     minimum that limit allows (200 at once, then 20 a second: 20 s; goal <= 1.1);
#  3. peak RSS of `--check` on a 1,000,000-row file (goal < 64 MiB).
# Needs: a release build (cargo build --release), wrk, curl and python3.
set -euo pipefail
cd "$(dirname "$0")/.."
care=$(realpath "${CARE_BIN:-target/release/care}")
dir=$(mktemp -d)
server=""
trap 'kill $server 2>/dev/null || true; rm -rf "$dir"' EXIT
export XDG_STATE_HOME="$dir/state" XDG_CONFIG_HOME="$dir/config" XDG_DATA_HOME="$dir/data"
concurrency=${CONCURRENCY:-8}
. bench/serve.sh

# users of the tenant a job may change (members with a name, enabled; no agents, no admin) as a
# phone-set file with new numbers
phone_file() { # N FILE
  curl -s -H "Authorization: Bearer $TOKEN" "$CARE_GRAPH_URL/v1.0/users?\$top=999&\$select=userPrincipalName,userType" >"$dir/page"
  python3 - "$1" "$2" "$CARE_GRAPH_URL" "$TOKEN" <<'PY'
import json, sys, urllib.request
n, out, root, token = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
def get(url):
    req = urllib.request.Request(url.replace(" ", "%20"), headers={"Authorization": f"Bearer {token}"})
    return json.load(urllib.request.urlopen(req))
admins, url = set(), f"{root}/v1.0/reports/authenticationMethods/userRegistrationDetails"
while url:
    page = get(url)
    admins |= {r["userPrincipalName"].lower() for r in page["value"] if r.get("isAdmin")}
    url = page.get("@odata.nextLink")
url, users = f"{root}/v1.0/users?$top=999&$select=userPrincipalName,userType,accountEnabled,givenName,surname", []
while url and len(users) < n:
    page = get(url)
    users += [u["userPrincipalName"] for u in page["value"]
              if u.get("userType") != "Guest" and u.get("accountEnabled") is not False
              and u.get("givenName") and u.get("surname")
              and u["userPrincipalName"].lower() not in admins
              and not u["userPrincipalName"].startswith(("care.", "$"))]
    url = page.get("@odata.nextLink")
with open(out, "w") as f:
    f.write("user,phone\n")
    for i, u in enumerate(users[:n]):
        f.write(f"{u},502-55{i // 10000}-{i % 10000:04d}\n")
PY
}

echo "== 1. bulk phone-set, 5,000 rows, concurrency $concurrency, beside wrk PATCH at $concurrency connections"
serve "$dir/a.db" --users 5200
phone_file 5000 "$dir/5000.csv"
wrk -t2 -c"$concurrency" -d10s -s bench/patch.lua "$CARE_GRAPH_URL" >"$dir/wrk.txt" 2>/dev/null
raw=$(sed -nE 's/^Requests\/sec: *([0-9.]+).*/\1/p' "$dir/wrk.txt")
start=$(date +%s.%N)
"$care" bulk phone-set --file "$dir/5000.csv" --yes --concurrency "$concurrency" \
  --rate 1000000/1 --headroom 0 --approved-by bench --reason "the benchmark" 2>"$dir/bulk.err"
end=$(date +%s.%N)
python3 - "$raw" "$start" "$end" <<'PY'
import sys
raw, start, end = float(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3])
rows = 5000 / (end - start)
print(f"| wrk PATCH (raw capacity) | {raw:.0f} requests/s |\n| care bulk phone-set | {rows:.0f} rows/s in {end-start:.2f} s |\n| ratio | {rows/raw:.2f} |")
PY
kill $server; wait $server 2>/dev/null || true

echo "== 2. 600 rows under --write-limit 200/10"
serve "$dir/b.db" --write-limit 200/10
phone_file 600 "$dir/600.csv"
start=$(date +%s.%N)
"$care" bulk phone-set --file "$dir/600.csv" --yes --rate 200/10 --headroom 0 \
  --approved-by bench --reason "the benchmark" 2>"$dir/throttled.err"
end=$(date +%s.%N)
throttled=$(curl -s -H "Authorization: Bearer $CARE_SANDBOX_ADMIN_TOKEN" "$CARE_GRAPH_URL/_sandbox/stats" |
  python3 -c 'import json,sys; s=json.load(sys.stdin); print(s["throttled"], s["earlyRetries"])')
python3 - "$start" "$end" "$throttled" <<'PY'
import sys
t = float(sys.argv[2]) - float(sys.argv[1])
throttled, early = sys.argv[3].split()
print(f"| 600 rows | {t:.2f} s | minimum 20.0 s | ratio {t/20:.2f} | 429s {throttled}, early retries {early} |")
PY
kill $server; wait $server 2>/dev/null || true

echo "== 3. peak RSS of --check on 1,000,000 rows"
python3 - "$dir/1m.csv" <<'PY'
import sys
with open(sys.argv[1], "w") as f:
    f.write("user,phone,type\n")
    for i in range(1_000_000):
        f.write(f"user{i}@district.example,502-{200 + i // 10000 % 800}-{i % 10000:04d},mobile\n")
PY
python3 - "$care" "$dir/1m.csv" <<'PY'
import resource, subprocess, sys, time
t = time.time()
p = subprocess.run([sys.argv[1], "bulk", "phone-set", "--check", "--file", sys.argv[2]], capture_output=True, text=True)
t = time.time() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
print(f"| --check, 1,000,000 rows | peak RSS {rss:.1f} MiB | {t:.1f} s | exit {p.returncode} | {p.stderr.strip().splitlines()[-1]} |")
PY
