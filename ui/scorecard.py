"""Scorecard widgets for Review: the deal, dimensions with evidence, highlighted turns, the concerns map and branch
scores."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from simulator.session import SessionView
from simulator.store import SessionRow
from ui.coaching import OUTCOMES, move_labels, show_badges
from ui.safe import md_text


def deal_terms_table(info: dict[str, Any]) -> pd.DataFrame:
    """The deal's terms (or, with no deal, the last proposal) with the user's target, limit and a verdict."""
    column = "Agreed" if info.get("agreed") else "Last proposal"
    rows = [
        {
            "Term": t.get("issue", ""),
            column: t.get("value", ""),
            "Your target": t.get("target", ""),
            "Your limit": t.get("limit", ""),
            "Verdict": t.get("verdict", ""),
        }
        for t in info.get("terms") or []
    ]
    return pd.DataFrame(rows, columns=["Term", column, "Your target", "Your limit", "Verdict"]).astype(str)


def deal(scorecard: dict[str, Any] | None) -> None:
    """The Deal section: terms with verdicts, value claimed and created, what was left, and the concessions."""
    info = (scorecard or {}).get("deal")
    if not info:
        return
    with st.container(border=True, key="deal"):
        st.subheader("Deal")
        st.markdown(md_text(info.get("headline", "")))
        name = info.get("counterpart") or "them"
        if info.get("agreed"):
            c1, c2, c3 = st.columns(3)
            c1.metric("Value claimed (you)", f"{info.get('value_claimed')}%")
            c2.metric(f"Value for {md_text(name)}", f"{info.get('counterpart_value')}%")
            created = info.get("value_created")
            c3.metric("Value created", "n/a" if created is None else f"{created}%")
            for note in (info.get("value_note"), info.get("created_note")):
                if note:
                    st.caption(md_text(note))
        else:
            c1, c2 = st.columns(2)
            value = info.get("last_proposal_value")
            c1.metric(
                f"Last proposal from {md_text(name)}, value to you", "n/a" if value is None else f"{value}%"
            )
            reach = info.get("within_reach") or {}
            if reach:
                c2.metric("Best deal within reach, value to you", f"{reach.get('user_value')}%")
            if info.get("last_proposal_note"):
                st.markdown(md_text(info["last_proposal_note"]))
        st.dataframe(deal_terms_table(info), hide_index=True, width="stretch")
        for warning in info.get("warnings") or []:
            st.warning(md_text(warning))
        note = info.get("left_on_table_note") if info.get("agreed") else info.get("within_reach_note")
        if note:
            st.markdown(":material/lightbulb: " + md_text(note))
        st.markdown("**Concessions**")
        st.caption(md_text(info.get("concessions_note", "")))
        for anchor in info.get("anchors") or []:
            st.markdown("- :material/anchor: " + md_text(anchor.get("text", "")))
        for move in info.get("concessions") or []:
            st.markdown("- " + md_text(move.get("text", "")))


def dimensions(scorecard: dict[str, Any]) -> None:
    """Each dimension's score, explanation, evidence quotes and rewrite."""
    for dim in scorecard.get("dimensions", []):
        with st.container(border=True):
            head, score = st.columns([4, 1])
            head.subheader(md_text(dim.get("title") or dim.get("key", "")))
            value = dim.get("score")
            score.metric("score", "n/a" if value is None else value, label_visibility="collapsed")
            if isinstance(value, int | float) and 0 <= value <= 100:
                st.progress(value / 100)
            if dim.get("explanation"):
                st.markdown(md_text(dim["explanation"]))
            for ev in dim.get("evidence") or []:
                note = f" — {md_text(ev['note'])}" if ev.get("note") else ""
                st.markdown(
                    f"> **Turn {md_text(ev.get('turn', '?'))}:** “{md_text(ev.get('quote', ''))}”{note}"
                )
            rewrite = dim.get("rewrite")
            if rewrite:
                st.markdown(
                    f":material/edit: **Rewrite turn {md_text(rewrite.get('turn'))}**  \n"
                    f"Instead of “{md_text(rewrite.get('original', ''))}”  \n"
                    f"try “{md_text(rewrite.get('suggestion', ''))}”"
                )
                if rewrite.get("why"):
                    st.caption("Why: " + md_text(rewrite["why"]))


def turns(scorecard: dict[str, Any] | None, view: SessionView) -> None:
    """Every user turn, as text, with coloured badges for the moves it made."""
    scored = {t.get("turn"): t for t in (scorecard or {}).get("turns", [])}
    mine = [t for t in view.turns if t["role"] == "user"]
    for n, turn in enumerate(mine, start=1):
        info = scored.get(n) or {}
        assessment = view.assessments[n - 1] if n <= len(view.assessments) else {}
        labels = list(info.get("moves") or []) or move_labels(assessment)
        labels += [f for f in info.get("flags") or [] if f not in labels]
        with st.container(border=True, key=f"turn-{n}"):
            st.markdown(f"**Turn {n}**")
            show_badges(labels or ["other"], info.get("window") or assessment.get("window"))
            st.markdown(md_text(info.get("text") or turn["text"]))
            if info.get("effect"):
                st.caption("Effect: " + md_text(info["effect"]))
            if info.get("suggestion"):
                st.caption("Try: " + md_text(info["suggestion"]))


def concerns(scorecard: dict[str, Any] | None, view: SessionView) -> None:
    """The concerns map: which were uncovered, and the question that would have opened each missed one."""
    rows = (scorecard or {}).get("concerns") or [
        {
            "id": c.id,
            "title": c.title,
            "uncovered": c.id in view.disclosed,
            "opened_by": c.opened_by,
            "layers_total": 1 + len(c.layers),
            "layers_disclosed": None,
        }
        for c in view.persona.concerns
    ]
    found = [c for c in rows if c.get("uncovered")]
    missed = [c for c in rows if not c.get("uncovered")]
    st.markdown(f"**{len(found)} of {len(rows)} concerns uncovered**")
    left, right = st.columns(2)
    with left:
        st.markdown(":green[**Uncovered**]")
        for c in found:
            depth = (
                f" ({md_text(c['layers_disclosed'])} of {md_text(c['layers_total'])} layers)"
                if c.get("layers_disclosed")
                else ""
            )
            st.markdown(f"- {md_text(c.get('title', c.get('id')))}{depth}")
    with right:
        st.markdown(":orange[**Missed**] — the question that would have opened it")
        for c in missed:
            st.markdown(
                f"- **{md_text(c.get('title', c.get('id')))}**  \n  “{md_text(c.get('opened_by', ''))}”"
            )


def branch_table(rows: list[SessionRow], current: str) -> pd.DataFrame:
    """Original and branches side by side: one column per session, one row per score."""
    keys: list[str] = []
    for row in rows:
        keys += [k for k in (row.scores or {}) if k not in keys]
    table: dict[str, list[Any]] = {}
    for row in rows:
        name = "Original" if not row.parent_id else f"Branch from turn {row.branch_from_turn}"
        if row.id == current:
            name += " (this one)"
        table[f"{name} · {row.id[:6]}"] = [
            row.overall,
            *[(row.scores or {}).get(k) for k in keys],
            OUTCOMES.get(row.outcome, OUTCOMES[None])[0],
            row.user_turns,
        ]
    index = ["overall", *[k.replace("_", " ") for k in keys], "outcome", "your turns"]
    return pd.DataFrame(table, index=index).astype(str)
