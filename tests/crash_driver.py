"""Test driver for crash recovery: runs a session and stalls at a chosen point so the test can SIGKILL it.

usage: python tests/crash_driver.py DB_URL POINT TURN MARKER
POINT is checkpoint (before the checkpoint write of user turn TURN), voice (while the counterpart phrases the
reply to turn TURN) or debrief (while the scorecard is computed after every turn). At that point the driver
writes MARKER and sleeps; every turn the service acknowledged is printed first, one JSON object per line.
The hooks live here, not in the product.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from simulator.session import Rehearsals
from simulator.settings import Settings
from simulator.voice import AuthoredVoice, VoiceReply, VoiceRequest

TURNS = [
    "Tell me about how things look from your side.",
    "What concerns you most about this?",
    "Can you tell me more about that?",
    "What else concerns you?",
    "What would be a good first step for us?",
]
SEED = 5
STALL_S = 60.0  # bounded: the test kills the driver long before this


class _Stall:
    """Writes the marker and sleeps when armed."""

    def __init__(self, marker: Path):
        self.marker = marker
        self.armed = False

    def __call__(self) -> None:
        if self.armed:
            self.armed = False
            self.marker.write_text("stalled")
            time.sleep(STALL_S)
            sys.exit(3)  # not killed in time: the test sees a missing marker/kill and fails


class StallingVoice(AuthoredVoice):
    """The authored voice that stalls while phrasing one chosen reply."""

    def __init__(self, stall: _Stall):
        self.stall = stall

    def say(self, request: VoiceRequest, on_token: Any = None) -> VoiceReply:
        self.stall()
        return super().say(request, on_token)


def main(argv: list[str]) -> int:
    """Run the session and stall where asked."""
    url, point, turn, marker = argv[0], argv[1], int(argv[2]), Path(argv[3])
    stall = _Stall(marker)
    service = Rehearsals(
        Settings(_env_file=None, database_url=url), voice=StallingVoice(stall) if point == "voice" else None
    )
    if point == "checkpoint":
        put = service.store.checkpointer.put

        def stalling_put(*args: Any, **kwargs: Any) -> Any:
            stall()
            return put(*args, **kwargs)

        service.store.checkpointer.put = stalling_put  # type: ignore[method-assign]
    if point == "debrief":
        import simulator.evaluation as evaluation

        score = evaluation.score_transcript

        def stalling_score(*args: Any, **kwargs: Any) -> Any:
            stall()
            return score(*args, **kwargs)

        evaluation.score_transcript = stalling_score  # type: ignore[attr-defined]
    opening = service.start("coffee-supplier", "realistic", seed=SEED)
    print(json.dumps({"session_id": opening.session_id}), flush=True)
    for number, text in enumerate(TURNS, start=1):
        stall.armed = point in ("checkpoint", "voice") and number == turn
        result = service.reply(opening.session_id, text)
        print(json.dumps({"ack": number, "text": text, "reply": result.text}), flush=True)
    stall.armed = point == "debrief"
    service.end(opening.session_id)
    print(json.dumps({"ended": True}), flush=True)
    service.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
