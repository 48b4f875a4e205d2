"""Drives Microsoft's Graph SDK for Python (msgraph-sdk) against a care sandbox, with the app's
token from MSAL and only an httpx transport that maps https to http (the sandbox serves plain
HTTP on loopback). Lists users with paging, reads one with $select, reads a user's
authentication methods, and checks that an unknown user is the SDK's ODataError 404.

Usage: graph_sdk.py BASE TENANT CLIENT_ID UPN (the client secret in CARE_CLIENT_SECRET).
Prints one JSON object.
"""
import asyncio
import json
import os
import sys
import urllib.parse

import httpx
import msal
from azure.core.credentials import AccessToken
from kiota_abstractions.base_request_configuration import RequestConfiguration
from msgraph import GraphServiceClient
from msgraph.generated.models.o_data_errors.o_data_error import ODataError
from msgraph.generated.users.users_request_builder import UsersRequestBuilder
from msgraph.generated.users.item.user_item_request_builder import UserItemRequestBuilder

BASE, TENANT, CLIENT_ID, UPN = sys.argv[1:5]
HOST = urllib.parse.urlparse(BASE).netloc


class LoopbackHttp:
    def __init__(self):
        import requests
        self.s = requests.Session()

    def fix(self, url):
        return url.replace("https://%s" % HOST, "http://%s" % HOST, 1)

    def get(self, url, **kw):
        return self.s.get(self.fix(url), **kw)

    def post(self, url, **kw):
        return self.s.post(self.fix(url), **kw)

    def close(self):
        self.s.close()


app = msal.ConfidentialClientApplication(
    CLIENT_ID, client_credential=os.environ["CARE_CLIENT_SECRET"],
    authority="https://%s/%s" % (HOST, TENANT), http_client=LoopbackHttp(),
    instance_discovery=False,
)


class Credential:
    """azure.core's TokenCredential, from MSAL's client credentials."""

    def get_token(self, *scopes, **kw):
        r = app.acquire_token_for_client(scopes=list(scopes))
        return AccessToken(r["access_token"], int(r.get("expires_in", 3599)) + 0)

    async def close(self):
        pass

    async def __aenter__(self):
        return self

    async def __aexit__(self, *a):
        pass


class AsyncCredential(Credential):
    async def get_token(self, *scopes, **kw):
        return Credential.get_token(self, *scopes, **kw)


class ToHttp(httpx.AsyncBaseTransport):
    """The SDK talks to https://graph.microsoft.com; the sandbox is plain HTTP on loopback."""

    def __init__(self):
        self.inner = httpx.AsyncHTTPTransport()
        self.seen = []

    async def handle_async_request(self, request):
        url = request.url
        if url.host in ("graph.microsoft.com", HOST.split(":")[0]):
            host, _, port = HOST.partition(":")
            request.url = url.copy_with(scheme="http", host=host, port=int(port or 80))
            request.headers["Host"] = HOST
        self.seen.append(request.method + " " + request.url.path)
        return await self.inner.handle_async_request(request)


async def main():
    from msgraph_core import GraphClientFactory
    from kiota_authentication_azure.azure_identity_authentication_provider import (
        AzureIdentityAuthenticationProvider,
    )
    from msgraph import GraphRequestAdapter

    transport = ToHttp()
    http = GraphClientFactory.create_with_default_middleware(client=httpx.AsyncClient(transport=transport))
    auth = AzureIdentityAuthenticationProvider(AsyncCredential(), scopes=["https://graph.microsoft.com/.default"])
    adapter = GraphRequestAdapter(auth, http)
    adapter.base_url = "https://graph.microsoft.com/v1.0"
    client = GraphServiceClient(request_adapter=adapter)
    out = {}
    q = UsersRequestBuilder.UsersRequestBuilderGetQueryParameters(
        top=50, select=["id", "userPrincipalName", "displayName"]
    )
    page = await client.users.get(request_configuration=RequestConfiguration(query_parameters=q))
    users = list(page.value)
    pages = 1
    while page.odata_next_link and pages < 3:
        # the sandbox's links name its own http:// host; the SDK asks https:// of Graph's
        link = page.odata_next_link.replace("http://%s" % HOST, "https://graph.microsoft.com", 1)
        page = await client.users.with_url(link).get()
        users.extend(page.value)
        pages += 1
    out["users"] = len(users)
    out["pages"] = pages
    q = UserItemRequestBuilder.UserItemRequestBuilderGetQueryParameters(
        select=["displayName", "mail", "jobTitle"]
    )
    me = await client.users.by_user_id(UPN).get(request_configuration=RequestConfiguration(query_parameters=q))
    out["user"] = {"displayName": me.display_name, "mail": me.mail, "jobTitle": me.job_title}
    methods = await client.users.by_user_id(UPN).authentication.methods.get()
    out["methods"] = sorted({m.odata_type for m in methods.value})
    try:
        await client.users.by_user_id("nobody.here@district.example").get()
        out["missing"] = "found"
    except ODataError as e:
        out["missing"] = {"status": e.response_status_code, "code": e.error.code if e.error else None}
    out["requests"] = sorted(set(transport.seen))
    print(json.dumps(out))


asyncio.run(main())
