"""Showing user and persona text as text: every Markdown control character is escaped before rendering."""

from __future__ import annotations

import re

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it means user text can never become
# a link, heading, HTML, LaTeX ($), a Streamlit colour directive (:red[...]) or an emoji shortcode.
_PUNCT = re.compile(r"([!-/:-@\[-`{-~])")


def md_text(text: object) -> str:
    """Markdown that displays `text` literally (line breaks kept)."""
    escaped = _PUNCT.sub(r"\\\1", str(text))
    return escaped.replace("\r\n", "\n").replace("\n", "  \n")


def snippet(text: str, limit: int = 60) -> str:
    """A one-line preview of a longer text (for pickers, which render plain text)."""
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 1] + "…"
