"""People (admins, team mode): everyone with a role and everyone who has rehearsed; set a person's role and team.
Each change is recorded in the audit log as `set_role`, exactly as `parley team set` records it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from simulator.session import InputError
from simulator.store import ROLES, StoreError
from ui.context import AppContext, app_context
from ui.safe import md_text

NEW_PERSON = "Someone new…"


def render(ctx: AppContext) -> None:
    """The People page."""
    st.title("People")
    st.caption(
        "Everyone is a learner unless listed here. A coach reads and comments on the sessions of the "
        "learners in their team and assigns them rehearsals; an admin manages this list and reads the "
        "audit log."
    )
    try:
        people = ctx.service.people()
    except InputError as exc:
        st.warning(md_text(exc))
        return
    if done := st.session_state.pop("parley.role-saved", None):
        st.success(md_text(done))
    if people:
        st.dataframe(pd.DataFrame(people, columns=["email", "role", "team"]), hide_index=True)
    else:
        st.info("Nobody has signed in or been given a role yet.")
    current = {email: (role, team) for email, role, team in people}
    st.subheader("Set a role")
    pick = st.selectbox("Person", [*current, NEW_PERSON], key="parley.people-pick")
    email = st.text_input("Their sign-in email", key="parley.people-email") if pick == NEW_PERSON else pick
    role, team = current.get(email or "", ("learner", ""))
    with st.form(f"role-{pick}"):
        new_role = st.selectbox("Role", ROLES, index=ROLES.index(role) if role in ROLES else 0)
        new_team = st.text_input(
            "Team", value=team, max_chars=100, help="A coach sees the learners of the same team name."
        )
        if st.form_submit_button("Save", type="primary", icon=":material/save:"):
            try:
                ctx.service.set_role(email or "", new_role, new_team)
            except (InputError, StoreError) as exc:
                st.error(md_text(exc))
            else:
                who = (email or "").strip().lower()
                st.session_state["parley.role-saved"] = f"{who} is now {new_role}" + (
                    f" in team {new_team.strip()}" if new_team.strip() else ""
                )
                st.rerun()


render(app_context())
