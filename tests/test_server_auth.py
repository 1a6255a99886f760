"""The LangGraph server's auth (langgraph.json "auth"): a real ID token from a local OpenID Connect provider
(oidc-provider-mock) names the owner; a forged, foreign or missing token is refused; threads are stamped with
their owner and every other thread operation is filtered to it. The handlers are called the way the server
calls them; `langgraph dev` itself is not installed here, so the server's own use of the filters is not run."""

from __future__ import annotations

import asyncio
import base64
import json
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pytest

from simulator import server_auth
from simulator.settings import Settings

oidc = pytest.importorskip("oidc_provider_mock")
Auth = pytest.importorskip("langgraph_sdk").Auth
REDIRECT = "http://127.0.0.1:9/callback"


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        return None


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    users = [oidc.User(sub="alice", claims={"email": "Alice@Example.com"}), oidc.User(sub="bob")]
    with oidc.run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def id_token(issuer: str, sub: str, client_id: str = "parley-server") -> str:
    """Sign `sub` in through the provider's authorization-code flow, as a browser would; the ID token."""
    query = urllib.parse.urlencode(
        {
            "response_type": "code",
            "client_id": client_id,
            "redirect_uri": REDIRECT,
            "scope": "openid email",
            "state": "s",
            "nonce": "n",
        }
    )
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(
            urllib.request.Request(
                f"{issuer}/oauth2/authorize?{query}", data=urllib.parse.urlencode({"sub": sub}).encode()
            )
        )
        raise AssertionError("the provider did not redirect back with a code")
    except urllib.error.HTTPError as redirect:
        code = urllib.parse.parse_qs(urllib.parse.urlsplit(redirect.headers["Location"]).query)["code"][0]
    basic = base64.b64encode(f"{client_id}:secret".encode()).decode()
    request = urllib.request.Request(
        f"{issuer}/oauth2/token",
        headers={"Authorization": f"Basic {basic}"},
        data=urllib.parse.urlencode(
            {"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT}
        ).encode(),
    )
    with urllib.request.urlopen(request) as reply:
        return json.loads(reply.read())["id_token"]


@pytest.fixture
def team(provider, monkeypatch) -> Settings:
    settings = Settings(
        _env_file=None,
        auth="oidc",
        oidc_metadata_url=f"{provider}/.well-known/openid-configuration",
        oidc_audience="parley-server",
    )
    monkeypatch.setattr(server_auth, "_settings", lambda: settings)
    return settings


def _who(header: str | None) -> str:
    return asyncio.run(server_auth.authenticate(header))["identity"]


def test_a_real_id_token_names_the_owner(provider, team):
    assert _who(f"Bearer {id_token(provider, 'alice')}") == "alice@example.com"  # email, lower-cased
    assert _who(f"Bearer {id_token(provider, 'bob')}") == "bob"  # no email: the subject


@pytest.mark.parametrize(
    "make",
    [
        lambda issuer: None,
        lambda issuer: "Basic dXNlcjpwYXNz",
        lambda issuer: (
            f"Bearer {id_token(issuer, 'alice', client_id='another-app')}"
        ),  # issued for someone else
        lambda issuer: "Bearer " + id_token(issuer, "alice")[:-4] + "AAAA",  # signature tampered with
    ],
)
def test_anything_else_is_refused(provider, team, make):
    with pytest.raises(Auth.exceptions.HTTPException) as refused:
        _who(make(provider))
    assert refused.value.status_code == 401


def test_single_user_mode_is_local_without_a_token(monkeypatch):
    monkeypatch.setattr(server_auth, "_settings", lambda: Settings(_env_file=None))
    assert _who(None) == "local"


def _ctx(identity: str, resource: str, action: str):
    return Auth.types.AuthContext(permissions=[], user=_User(identity), resource=resource, action=action)


class _User:
    def __init__(self, identity: str):
        self.identity = identity
        self.is_authenticated = True
        self.display_name = identity
        self.permissions: list[str] = []


def test_threads_carry_their_owner_and_are_filtered_to_it():
    created = {"metadata": {"owner": "bob@example.com", "persona_id": "coffee-supplier"}}
    filt = asyncio.run(server_auth.own_threads_only(_ctx("alice@example.com", "threads", "create"), created))
    assert created["metadata"] == {"owner": "alice@example.com", "persona_id": "coffee-supplier"}
    assert filt == {"owner": "alice@example.com"}
    bare: dict = {}
    asyncio.run(server_auth.own_threads_only(_ctx("alice@example.com", "threads", "create_run"), bare))
    assert bare["metadata"]["owner"] == "alice@example.com"
    for action in ("read", "search", "update", "delete"):
        assert asyncio.run(server_auth.own_threads_only(_ctx("bob@example.com", "threads", action), {})) == {
            "owner": "bob@example.com"
        }
    assert (
        asyncio.run(server_auth.shared_assistants(_ctx("bob@example.com", "assistants", "read"), {})) is True
    )
    assert (
        asyncio.run(server_auth.shared_assistants(_ctx("bob@example.com", "assistants", "delete"), {}))
        is False
    )
    item = {"namespace": ("alice@example.com", "notes")}
    asyncio.run(server_auth.own_store_namespace(_ctx("bob@example.com", "store", "get"), item))
    assert item["namespace"] == ("bob@example.com", "alice@example.com", "notes")
