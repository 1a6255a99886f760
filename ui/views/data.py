"""Your data: download everything you have in Parley as one archive, or erase it all; admins also read the
audit log (who started, viewed, exported and deleted what, and when) and download it as CSV."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from ui.context import AppContext, app_context, set_session
from ui.plain import csv_bytes
from ui.safe import md_text

ERASE_WORD = "erase"


def audit_frame(entries: list[dict]) -> pd.DataFrame:
    """Audit entries as a table with readable times (UTC), oldest first."""
    frame = pd.DataFrame(entries, columns=["at", "actor", "action", "session_id", "owner", "detail"])
    frame.insert(
        0, "when (UTC)", [datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d %H:%M:%S") for t in frame["at"]]
    )
    return frame.drop(columns=["at"])


def render(ctx: AppContext) -> None:
    """The Your data page."""
    st.title("Your data")
    rows = ctx.service.sessions(1_000_000)
    st.markdown(
        md_text(
            f"{len(rows)} session{'s' if len(rows) != 1 else ''} (branches included) belong to "
            f"{ctx.service.owner}."
        )
    )
    if st.button("Prepare the archive", icon=":material/archive:"):
        st.session_state["parley.archive"] = ctx.service.export_all()
    if archive := st.session_state.get("parley.archive"):
        st.download_button(
            "Download all my data (.zip)",
            archive,
            file_name="parley-my-data.zip",
            mime="application/zip",
            icon=":material/download:",
        )
    with st.expander("Erase all my data", icon=":material/delete_forever:"):
        st.markdown(
            "Deletes every session, branch, preparation answer and turn for good. The audit log keeps "
            "only the record that it happened."
        )
        typed = st.text_input(f"Type '{ERASE_WORD}' to confirm", key="parley.erase-confirm")
        if st.button("Erase everything", type="primary", disabled=typed.strip().lower() != ERASE_WORD):
            count = ctx.service.erase_all()
            st.session_state.pop("parley.archive", None)
            set_session(None)
            st.success(f"Erased {count} session{'s' if count != 1 else ''}.")
    if not ctx.is_admin:
        return
    st.subheader("Audit log")
    frame = audit_frame(ctx.service.store.audit_entries())
    st.dataframe(frame, hide_index=True)
    st.download_button(
        "Download audit CSV",
        csv_bytes(frame),
        file_name="parley-audit.csv",
        mime="text/csv",
        icon=":material/table:",
    )


render(app_context())
