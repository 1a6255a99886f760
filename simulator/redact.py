"""Masking before anything is shown: passwords and keys in URLs and messages, and terminal control sequences.

Nothing here raises: a URL of any shape (`%zz`, spaces, `[::1`, a password holding `@` or `/`) is masked by
plain string rules, not by a parser that could give up half way.
"""

from __future__ import annotations

import re
from typing import Any, TextIO
from urllib.parse import unquote

MASK = "***"

# Query / conninfo parameters whose value is a secret (compared case-insensitively).
SECRET_PARAMS = (
    "password",
    "passwd",
    "pwd",
    "pass",
    "sslpassword",
    "secret",
    "client_secret",
    "api-key",
    "api_key",
    "apikey",
    "x-api-key",
    "key",
    "token",
    "access_token",
    "auth_token",
    "id_token",
    "refresh_token",
    "auth",
    "sig",
    "signature",
)
_PARAM_RE = re.compile(
    r"(?i)(?<![A-Za-z0-9_\-])("
    + "|".join(re.escape(p) for p in sorted(SECRET_PARAMS, key=len, reverse=True))
    + r")(\s*=\s*)('[^']*'|\"[^\"]*\"|[^&;\s\"'<>]+)"
)
_SCHEME = r"[A-Za-z][A-Za-z0-9+.\-]*://"
_URL_START = re.compile(rf"(?s)^\s*({_SCHEME})(.*)$")
# In free text: scheme://user:anything@ up to the last '@' on the line (a password may hold spaces or '@').
_USERINFO_WITH_PASSWORD = re.compile(rf"({_SCHEME})([^\s:/@\"'<>]*):([^\n\"'<>]*)@")
_USERINFO_ONLY = re.compile(rf"({_SCHEME})([^\s:/@\"'<>*]+)@")
_HTTPISH = ("http://", "https://", "ws://", "wss://")


def url_secrets(url: str) -> list[str]:
    """Every secret a URL carries (the password under each reading of its '@'s, secret query values), longest first."""
    found: set[str] = set()
    match = _URL_START.match(url or "")
    if match:
        scheme, rest = match.group(1).lower(), match.group(2)
        for at in (i for i, ch in enumerate(rest) if ch == "@"):
            user, colon, password = rest[:at].partition(":")
            if colon and password:
                found.add(password)
            elif not colon and user and scheme in _HTTPISH:  # https://TOKEN@host: the user part is the key
                found.add(user)
    for param in _PARAM_RE.finditer(url or ""):
        found.add(param.group(3).strip("'\""))
    found |= {unquote(s) for s in found}
    return sorted((s for s in found if s and s != MASK), key=len, reverse=True)


def _mask_known(text: str, secrets: list[str]) -> str:
    for secret in secrets:
        if len(secret) >= 4:
            text = text.replace(secret, MASK)
        else:  # a very short secret: only where it stands alone, so ordinary words survive
            text = re.sub(rf"(?<![A-Za-z0-9]){re.escape(secret)}(?![A-Za-z0-9])", MASK, text)
    return text


def redact_text(text: str, *urls: str) -> str:
    """A message with every URL password, secret parameter and secret of `urls` replaced by ***."""
    text = _mask_known(str(text), [s for url in urls for s in url_secrets(url)])
    text = _USERINFO_WITH_PASSWORD.sub(lambda m: f"{m.group(1)}{m.group(2)}:{MASK}@", text)
    text = _USERINFO_ONLY.sub(lambda m: f"{m.group(1)}{MASK}@", text)
    return _PARAM_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", text)


def mask_url(url: str) -> str:
    """A URL safe to show: user:***@ for any password (whatever its shape), *** for secret query values."""
    url = url or ""
    match = _URL_START.match(url)
    masked = url
    if match:
        scheme, rest = match.group(1), match.group(2)
        if "@" in rest:
            userinfo, _, after = rest.rpartition("@")  # everything before the last '@' is user information
            user, colon, _ = userinfo.partition(":")
            shown = f"{user}:{MASK}" if colon and scheme.lower() not in _HTTPISH else MASK
            masked = f"{scheme}{shown}@{after}"
    return redact_text(masked, url)


# -- terminal output --------------------------------------------------------------------------------------------------
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]?"  # CSI: colours, cursor moves, screen clears
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC: window titles, hyperlinks, clipboard writes
    r"|\x1b[PX^_][^\x1b\n]*(?:\x1b\\)?"  # DCS / SOS / PM / APC strings
    r"|\x1b[ -/]*[0-~]?"  # any other escape
    r"|\x9b[0-?]*[ -/]*[@-~]?"  # 8-bit CSI
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x9c\n]*[\x07\x9c]?"  # 8-bit string controls
)
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")  # C0 (but tab and newline), DEL, C1


def strip_controls(text: str) -> str:
    """Text safe for a terminal: escape sequences and control characters removed, newlines and tabs kept."""
    return _CONTROLS.sub("", _ESCAPES.sub("", text))


class SafeTerminal:
    """A text stream that strips control characters from everything written to it (for human-readable output)."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(strip_controls(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._stream.flush()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
