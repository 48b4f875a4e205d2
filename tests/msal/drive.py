"""Drives MSAL for Python against a care sandbox: client credentials, device code, auth code +
PKCE (each response_mode) and a silent refresh, with only what any non-Microsoft loopback host
needs: an http_client that maps https to http, and instance_discovery=False.

Usage: drive.py BASE TENANT CLIENT_ID USER   (the client secret and the sandbox admin token in
the environment: CARE_CLIENT_SECRET, CARE_SANDBOX_ADMIN_TOKEN). Prints one JSON object.
"""
import json
import os
import sys
import urllib.parse

import msal
import requests

BASE, TENANT, CLIENT_ID, USER = sys.argv[1:5]
SECRET = os.environ["CARE_CLIENT_SECRET"]
ADMIN = os.environ["CARE_SANDBOX_ADMIN_TOKEN"]
HOST = urllib.parse.urlparse(BASE).netloc
AUTHORITY = "https://%s/%s" % (HOST, TENANT)
GRAPH_SCOPES = ["https://graph.microsoft.com/User.Read.All"]


class LoopbackHttp:
    """requests, with the sandbox's https:// sent as http:// (it serves plain HTTP on loopback)."""

    def __init__(self):
        self.session = requests.Session()
        self.seen = []

    def fix(self, url):
        return url.replace("https://%s" % HOST, "http://%s" % HOST, 1)

    def get(self, url, **kw):
        self.seen.append("GET " + urllib.parse.urlparse(url).path)
        return self.session.get(self.fix(url), **kw)

    def post(self, url, **kw):
        self.seen.append("POST " + urllib.parse.urlparse(url).path)
        return self.session.post(self.fix(url), **kw)

    def close(self):
        self.session.close()


def graph_ok(token):
    r = requests.get(
        BASE + "/v1.0/users?$top=1", headers={"Authorization": "Bearer " + token}
    )
    return r.status_code


def claims_of(result):
    return {
        k: result.get("id_token_claims", {}).get(k)
        for k in ["iss", "sub", "oid", "tid", "aud", "nonce", "ver", "preferred_username", "name"]
    }


def fail(step, result):
    print(json.dumps({"failed": step, "result": {k: v for k, v in result.items() if "token" not in k}}))
    sys.exit(1)


out = {}
http = LoopbackHttp()

# client credentials
cca = msal.ConfidentialClientApplication(
    CLIENT_ID, client_credential=SECRET, authority=AUTHORITY, http_client=http,
    instance_discovery=False,
)
r = cca.acquire_token_for_client(scopes=["https://graph.microsoft.com/.default"])
if "access_token" not in r:
    fail("client_credentials", r)
out["client_credentials"] = {"graph": graph_ok(r["access_token"]), "ext_expires_in": r.get("ext_expires_in")}

# device code
pca = msal.PublicClientApplication(
    CLIENT_ID, authority=AUTHORITY, http_client=http, instance_discovery=False,
)
flow = pca.initiate_device_flow(scopes=GRAPH_SCOPES)
if "user_code" not in flow:
    fail("device_flow", flow)
a = requests.post(
    BASE + "/_sandbox/approve",
    json={"userCode": flow["user_code"], "userPrincipalName": USER},
    headers={"Authorization": "Bearer " + ADMIN},
)
if a.status_code != 200:
    fail("approve", {"status": a.status_code, "text": a.text})
r = pca.acquire_token_by_device_flow(flow)
if "access_token" not in r:
    fail("device_code", r)
out["device_code"] = {
    "graph": graph_ok(r["access_token"]),
    "claims": claims_of(r),
    "scope": r.get("scope"),
    "client_info": "client_info" in r or bool(pca.get_accounts()),
}

# auth code + PKCE, in each response_mode the identity platform documents
out["auth_code"] = {}
for mode in ["query", "fragment", "form_post"]:
    app = msal.PublicClientApplication(
        CLIENT_ID, authority=AUTHORITY, http_client=LoopbackHttp(), instance_discovery=False,
    )
    flow = app.initiate_auth_code_flow(
        GRAPH_SCOPES, redirect_uri="http://localhost:8400", response_mode=mode,
    )
    if "auth_uri" not in flow:
        fail("auth_code_flow " + mode, flow)
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlparse(flow["auth_uri"]).query))
    form = dict(query, login_hint=USER, action="approve")
    page = requests.post(
        BASE + "/%s/oauth2/v2.0/authorize" % TENANT, data=form, allow_redirects=False,
    )
    if mode == "form_post":
        import html.parser

        class Inputs(html.parser.HTMLParser):
            def __init__(self):
                super().__init__()
                self.fields = {}

            def handle_starttag(self, tag, attrs):
                a = dict(attrs)
                if tag == "input" and a.get("type") == "hidden":
                    self.fields[a["name"]] = a["value"]

        p = Inputs()
        p.feed(page.text)
        answer = p.fields
    else:
        location = urllib.parse.urlparse(page.headers.get("location", ""))
        answer = dict(urllib.parse.parse_qsl(location.fragment if mode == "fragment" else location.query))
    r = app.acquire_token_by_auth_code_flow(flow, answer)
    if "access_token" not in r:
        fail("auth_code " + mode, r)
    account = app.get_accounts()[0]
    silent = app.acquire_token_silent(GRAPH_SCOPES, account=account, force_refresh=True)
    if not silent or "access_token" not in silent:
        fail("silent " + mode, silent or {})
    # the old refresh token stays good: a second refresh from the same cache works too
    again = app.acquire_token_silent(GRAPH_SCOPES, account=account, force_refresh=True)
    out["auth_code"][mode] = {
        "status": page.status_code,
        "graph": graph_ok(r["access_token"]),
        "claims": claims_of(r),
        "account": account.get("username"),
        "home_account_id": account.get("home_account_id"),
        "silent_graph": graph_ok(silent["access_token"]),
        "silent_again": bool(again and "access_token" in again),
    }

out["requests"] = sorted(set(http.seen))
print(json.dumps(out))
