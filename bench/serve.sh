# Sourced by the benchmarks: `serve DB [ARGS…]` starts `care sandbox serve` on a free port over
# DB (with any extra serve options), loads the CARE_* variables it prints, and sets TOKEN to an
# app token (client credentials).
serve() {
  local db=$1
  shift
  "$care" sandbox serve --listen 127.0.0.1:0 --db "$db" "$@" >"$dir/env" 2>/dev/null & server=$!
  while [ "$(wc -l <"$dir/env" 2>/dev/null || echo 0)" -lt 6 ]; do sleep 0.1; done
  set -a; . "$dir/env"; set +a
  TOKEN=$(curl -s -X POST "$CARE_LOGIN_URL/$CARE_TENANT/oauth2/v2.0/token" \
    -d client_id="$CARE_CLIENT_ID" --data-urlencode client_secret="$CARE_CLIENT_SECRET" \
    -d scope=https://graph.microsoft.com/.default -d grant_type=client_credentials |
    sed -E 's/.*"access_token":"([^"]+)".*/\1/')
  export TOKEN
}
