"""What the team-mode browser tests share: a local OpenID Connect provider, the app's auth secrets, an app process
in team mode, and signing in through the provider's one-click page."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.test_browser import launch_app


@contextmanager
def oidc_provider(people: dict[str, str]) -> Iterator[str]:
    """oidc-provider-mock in a thread with one user per (subject, email); yields its issuer URL."""
    oidc = pytest.importorskip("oidc_provider_mock")
    users = [
        oidc.User(sub=sub, claims={"email": email, "email_verified": True}) for sub, email in people.items()
    ]
    with oidc.run_server_in_thread(port=0, user_claims=users) as server:
        yield f"http://localhost:{server.server_port}"


def start_team_app(
    port: int, folder: Path, issuer: str, cookie_secret: str, seconds: float, **parley: str
) -> subprocess.Popen[bytes]:
    """The app with PARLEY_AUTH=oidc on 127.0.0.1:port, its secrets, data and log in `folder`, no PARLEY_/OPENAI_
    setting from outside, and the `parley` ones given (PARLEY_ADMINS=…, PARLEY_DATABASE_URL=…)."""
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{cookie_secret}"\n'
        'client_id = "parley-test"\n'
        'client_secret = "not-a-real-secret"\n'
        f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n'
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "OPENAI_"))}
    env |= {"PARLEY_DATA_DIR": str(folder / "data"), "PARLEY_AUTH": "oidc", **parley}
    return launch_app(port, env, seconds, log=folder / "streamlit.log", secrets_file=secrets_file)


def sign_in(page, base: str, who: str, email: str) -> None:  # noqa: ANN001 - playwright Page
    """Sign in on the app at `base` as `who` through the provider's one-click button for that user, and wait until
    the app says whose account it is."""
    page.goto(f"{base}/personas")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name=who, exact=True).click()
    page.wait_for_url(f"{base}/**")
    page.get_by_text(f"Signed in as {email}").wait_for()
