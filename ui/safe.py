"""Showing user, persona and model text as text: every Markdown control character is escaped before rendering."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it means user text can never become
# a link or image ([..](..), ![..](..), <http://..> autolinks; bare http:// and www. autolinks lose their ':' / '.'),
# a heading, raw HTML (<b>, <img>, entities like &lt;), LaTeX ($), a Streamlit colour directive (:red[...]), an
# icon or emoji shortcode (:material/x:), a table (|) or a code span (`).
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")
# Line breaks of every kind become Markdown hard breaks; other control characters are dropped.
_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")


def md_text(text: object) -> str:
    """Markdown that displays `text` literally (line breaks kept), for st.markdown, captions, alerts, titles,
    widget/tab/expander/metric labels and help tooltips alike."""
    escaped = _PUNCT.sub(r"\\\1", _CONTROLS.sub("", str(text)))
    return _BREAKS.sub("  \n", escaped)


def snippet(text: str, limit: int = 60) -> str:
    """A one-line preview of a longer text (for pickers, which render plain text)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
