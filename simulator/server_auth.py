"""Who is calling the LangGraph server (langgraph.json "auth"), and ownership of its threads.

PARLEY_AUTH=none: every caller is "local" (a single user on their own machine, as `langgraph dev`).
PARLEY_AUTH=oidc: a caller sends `Authorization: Bearer <OpenID Connect ID token>` from the same provider the app
uses; the token's signature (the provider's published keys), issuer, audience (PARLEY_OIDC_AUDIENCE) and expiry
are checked, and the owner is its email (else its subject), as in the app. Every thread gets `owner` in its
metadata when it is created, and every read, search, update, delete and run is filtered to the caller's own
threads, so another person's thread id is "not found" there too.
"""

from __future__ import annotations

import json
import time
import urllib.request
from functools import cache
from typing import Any, cast

from langgraph_sdk import Auth

from simulator.settings import Settings, load_settings
from simulator.store import LOCAL_OWNER

auth = Auth()
KEYS_TTL_S = 3600.0
_keys: dict[str, tuple[float, Any, str]] = {}  # metadata url -> (fetched at, key set, issuer)


@cache
def _settings() -> Settings:
    return load_settings()


def _fetch_json(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url, timeout=10) as reply:  # noqa: S310 - an operator-set https/http URL
        return json.loads(reply.read())


def _provider_keys(metadata_url: str) -> tuple[Any, str]:
    from joserfc.jwk import KeySet, KeySetSerialization

    fetched = _keys.get(metadata_url)
    if fetched is None or time.monotonic() - fetched[0] > KEYS_TTL_S:
        metadata = _fetch_json(metadata_url)
        # The provider's JWKS document ({"keys": [...]}); import_key_set checks each key in it.
        keys = KeySet.import_key_set(cast(KeySetSerialization, _fetch_json(metadata["jwks_uri"])))
        fetched = (time.monotonic(), keys, str(metadata["issuer"]))
        _keys[metadata_url] = fetched
    return fetched[1], fetched[2]


def owner_from_id_token(token: str, settings: Settings) -> str:
    """The owner an ID token proves (its email, else its subject); ValueError if it proves nothing."""
    from joserfc import jwt
    from joserfc.errors import JoseError

    if not settings.oidc_metadata_url or not settings.oidc_audience:
        raise ValueError("PARLEY_OIDC_METADATA_URL and PARLEY_OIDC_AUDIENCE must be set for PARLEY_AUTH=oidc")
    keys, issuer = _provider_keys(settings.oidc_metadata_url)
    try:
        decoded = jwt.decode(token, keys)
        jwt.JWTClaimsRegistry(
            iss={"essential": True, "value": issuer},
            aud={"essential": True, "value": settings.oidc_audience},
            exp={"essential": True},
            sub={"essential": True},
        ).validate(decoded.claims)
    except (JoseError, ValueError) as exc:
        raise ValueError(f"invalid ID token ({type(exc).__name__})") from None
    email = str(decoded.claims.get("email") or "").strip().lower()
    return email or str(decoded.claims["sub"])


@auth.authenticate
async def authenticate(authorization: str | None) -> Auth.types.MinimalUserDict:
    """The caller's identity: 'local' in single-user mode, else the owner a valid bearer ID token proves."""
    settings = _settings()
    if settings.auth != "oidc":
        return {"identity": LOCAL_OWNER}
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Auth.exceptions.HTTPException(
            status_code=401, detail="Sign in: send Authorization: Bearer <ID token>."
        )
    try:
        owner = owner_from_id_token(token.strip(), settings)
    except ValueError as exc:  # the token itself is never echoed or logged
        raise Auth.exceptions.HTTPException(status_code=401, detail=str(exc)) from None
    return {"identity": owner}


def _stamp_owner(ctx: Auth.types.AuthContext, value: Any) -> Auth.types.FilterType:
    if isinstance(value, dict) and ctx.action in ("create", "create_run", "update"):
        metadata = value.get("metadata")
        if metadata is None:
            metadata = value["metadata"] = {}
        if isinstance(metadata, dict):
            metadata["owner"] = ctx.user.identity  # whatever the caller put there: never someone else's
    return {"owner": ctx.user.identity}


@auth.on.threads
async def own_threads_only(ctx: Auth.types.AuthContext, value: Any) -> Auth.types.FilterType:
    """Threads (sessions) and their runs: stamped with the caller's owner, visible only to that owner."""
    return _stamp_owner(ctx, value)


@auth.on.crons
async def own_crons_only(ctx: Auth.types.AuthContext, value: Any) -> Auth.types.FilterType:
    """Scheduled runs, the same way as threads."""
    return _stamp_owner(ctx, value)


@auth.on.assistants
async def shared_assistants(ctx: Auth.types.AuthContext, value: Any) -> bool:
    """The graph's assistant is the server's, shared by all: anyone signed in may use it, nobody may change it."""
    return ctx.action in ("read", "search")


@auth.on.store
async def own_store_namespace(ctx: Auth.types.AuthContext, value: Any) -> None:
    """Long-term store items live under the caller's owner as the first namespace part."""
    namespace = tuple(value.get("namespace") or ())
    if not namespace or namespace[0] != ctx.user.identity:
        value["namespace"] = (ctx.user.identity, *namespace)
