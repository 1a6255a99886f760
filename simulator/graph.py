"""The rehearsal as a LangGraph state machine: human -> evaluate -> policy -> voice -> ... -> debrief."""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypedDict

from langgraph.checkpoint.base import BaseCheckpointSaver
from langgraph.graph import END, START, StateGraph
from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import BaseModel, Field, ValidationError

from simulator import ledger as L
from simulator import policy
from simulator.personas import Difficulty, Persona
from simulator.reading import concern_infos, read_turn
from simulator.transcript import Prep, Transcript, Turn
from simulator.voice import Voice, VoiceRequest

if TYPE_CHECKING:
    from simulator.evaluation import Judge

END_SIGNAL = "\x00/end"  # resume value that ends the session (never typed by a user: NULs are stripped)


class SessionState(TypedDict, total=False):
    """Checkpointed state: plain data only."""

    persona_id: str
    difficulty: str
    seed: int
    prep: dict[str, str]
    turns: Annotated[list[dict[str, Any]], operator.add]
    assessments: Annotated[list[dict[str, Any]], operator.add]
    ledger: dict[str, Any]
    meter: dict[str, int]  # how much of the persona's concerns is uncovered (ledger.concerns_meter)
    disclosed: list[str]  # the concerns stated at least at their surface, in persona order
    decision: dict[str, Any]
    outcome: str | None
    ended: bool
    scorecard: dict[str, Any] | None


@dataclass
class RunContext:
    """Per-invoke context (not checkpointed): the persona, the voice, an optional judge and a token sink.
    Made by simulator.run_context.run_context for every front end."""

    persona: Persona
    voice: Voice
    judge: Judge | None = None
    on_token: Callable[[str], None] | None = None


class RehearsalInput(BaseModel):
    """What starts a rehearsal (the graph's input schema): the persona is required, there is no default one."""

    persona_id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,40}$", description="Which counterpart: a persona id.")
    difficulty: Difficulty = "realistic"
    seed: int = Field(default=1, description="Replays the same counterpart choices for the same turns.")
    prep: dict[str, str] = Field(
        default_factory=dict, description="The learner's mirror answers (Prep fields)."
    )


def check_input(state: SessionState | dict[str, Any]) -> RehearsalInput:
    """The start of a rehearsal, validated; ValueError in plain words when the persona (or anything else) is wrong."""
    values: Mapping[str, Any] = state
    given = {k: values[k] for k in RehearsalInput.model_fields if values.get(k) is not None}
    if not given.get("persona_id"):
        raise ValueError(
            'A rehearsal needs a persona: start it with input {"persona_id": "<id>"} (for example '
            '"coffee-supplier"; `parley personas` lists them). There is no default persona.'
        )
    try:
        return RehearsalInput.model_validate(given)
    except ValidationError as exc:
        problem = exc.errors()[0]
        raise ValueError(
            f"The rehearsal's input '{'.'.join(str(p) for p in problem['loc'])}' is not usable: "
            f"{problem['msg']}."
        ) from None


ContextResolver = Callable[[Any, SessionState, Runtime[Any]], RunContext]
"""Turns a front end's own context (LangGraph Server's JSON one) and the thread's state into a RunContext."""


def opening_node(state: SessionState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    start = check_input(state)  # the defaults (difficulty, seed, prep) are written to the state with it
    persona = runtime.context.persona
    decision, ledger = policy.opening(persona, L.new_ledger(persona), start.seed)
    return {
        **start.model_dump(),
        **_with_ledger(persona, ledger),
        "decision": decision.to_state(),
        "outcome": None,
        "ended": False,
    }


def human_node(state: SessionState) -> dict[str, Any]:
    # interrupt() re-runs this node from the top on resume: nothing before it may have side effects.
    answer = interrupt({"awaiting": "user_turn", "turn": user_turn_count(state) + 1})
    if answer == END_SIGNAL:
        return {"ended": True}
    return {"turns": [{"role": "user", "text": str(answer)}]}


def evaluate_node(state: SessionState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    turns = state["turns"]
    reading = read_turn(runtime.context.persona, state["ledger"], turns[-1]["text"], turns[:-1])
    return {"assessments": [reading]}


def policy_node(state: SessionState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    decision, ledger = policy.decide(
        runtime.context.persona, state["difficulty"], state["ledger"], state["assessments"][-1], state["seed"]
    )
    return {
        **_with_ledger(runtime.context.persona, ledger),
        "decision": decision.to_state(),
        "outcome": decision.outcome,
    }


def _with_ledger(persona: Persona, ledger: L.Ledger) -> dict[str, Any]:
    """A new ledger for the state, with what the front ends show of it (so they never read the ledger themselves)."""
    return {
        "ledger": ledger,
        "meter": L.concerns_meter(persona, ledger),
        "disclosed": L.disclosed_concern_ids(persona, ledger),
    }


def concern_progress(
    persona: Persona, state: SessionState | dict[str, Any]
) -> tuple[dict[str, int], list[str]]:
    """The meter and the disclosed concerns of a state (or a checkpoint's values). Checkpoints written before the
    state carried them (older databases) get them from their ledger."""
    if "meter" in state:
        return state["meter"], state["disclosed"]
    ledger = state.get("ledger") or L.new_ledger(persona)
    return L.concerns_meter(persona, ledger), L.disclosed_concern_ids(persona, ledger)


def voice_node(state: SessionState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    ctx = runtime.context
    decision, ledger = state["decision"], state["ledger"]
    request = VoiceRequest(
        persona=ctx.persona,
        difficulty=state["difficulty"],
        move=decision["move"],
        content=decision["content"],
        before=tuple((s["move"], s.get("content", "")) for s in decision.get("before", [])),
        after=tuple((s["move"], s.get("content", "")) for s in decision.get("after", [])),
        terms=decision.get("terms") or {},
        authored=decision["authored"],
        history=tuple((t["role"], t["text"]) for t in state.get("turns", [])),
        withheld=tuple(L.withheld_texts(ctx.persona, ledger)),
        released=tuple(L.released_texts(ctx.persona, ledger)),
    )
    reply = ctx.voice.say(request, ctx.on_token)
    turn = {
        "role": "counterpart",
        "text": reply.text,
        "move": decision["move"],
        "disclosures": decision["disclosures"],
        "terms": decision.get("terms"),
        "before": [s["move"] for s in decision.get("before", [])],
        "after": [s["move"] for s in decision.get("after", [])],
        "source": reply.source,
        "note": reply.fallback_reason,
        "reason": decision.get("reason", ""),
        "timings": {k: round(v, 4) for k, v in reply.timings.items()},
    }
    return {"turns": [turn]}


def debrief_node(state: SessionState, runtime: Runtime[RunContext]) -> dict[str, Any]:
    from simulator.evaluation import score_transcript  # the scorecard is only needed at the end
    from simulator.evaluation.rewrites import know_persona

    know_persona(runtime.context.persona)

    outcome = state.get("outcome") or "no_agreement"
    transcript = build_transcript(runtime.context.persona, {**state, "outcome": outcome})
    scorecard = score_transcript(transcript, runtime.context.judge)
    return {"scorecard": scorecard.model_dump(mode="json"), "ended": True, "outcome": outcome}


def after_voice(state: SessionState) -> Literal["human", "debrief"]:
    return "debrief" if state.get("outcome") else "human"


def after_human(state: SessionState) -> Literal["evaluate", "debrief"]:
    return "debrief" if state.get("ended") else "evaluate"


def build_graph(
    checkpointer: BaseCheckpointSaver | None = None,
    context_schema: type = RunContext,
    resolve: ContextResolver | None = None,
):  # -> CompiledStateGraph
    """Compile the rehearsal graph with a checkpointer. In process the context is a RunContext; LangGraph Server
    passes JSON (or nothing), which `resolve` turns into the RunContext each node reads."""
    builder = StateGraph(SessionState, context_schema=context_schema, input_schema=RehearsalInput)

    def bound(node: Callable[[SessionState, Runtime[RunContext]], dict[str, Any]]) -> Any:
        if resolve is None:
            return node

        def with_context(state: SessionState, runtime: Runtime[Any]) -> dict[str, Any]:
            return node(state, runtime.override(context=resolve(runtime.context, state, runtime)))

        with_context.__name__ = node.__name__
        return with_context

    builder.add_node("opening", bound(opening_node))
    builder.add_node("human", human_node)
    builder.add_node("evaluate", bound(evaluate_node))
    builder.add_node("policy", bound(policy_node))
    builder.add_node("voice", bound(voice_node))
    builder.add_node("debrief", bound(debrief_node))
    builder.add_edge(START, "opening")
    builder.add_edge("opening", "voice")
    builder.add_conditional_edges("voice", after_voice)
    builder.add_conditional_edges("human", after_human)
    builder.add_edge("evaluate", "policy")
    builder.add_edge("policy", "voice")
    builder.add_edge("debrief", END)
    return builder.compile(checkpointer=checkpointer)


def user_turn_count(state: SessionState | dict[str, Any]) -> int:
    """How many turns the user has taken in a state (or a checkpoint's values)."""
    return sum(1 for t in state.get("turns", []) if t["role"] == "user")


def build_transcript(persona: Persona, state: dict[str, Any], session_id: str | None = None) -> Transcript:
    """The checkpointed state as a Transcript (what export writes and the scorecard reads)."""
    prep = Prep(**state["prep"]) if state.get("prep") else None
    readings = iter(state.get("assessments", []))
    turns = []
    for t in state.get("turns", []):
        reading = next(readings, None) if t["role"] == "user" else None
        turns.append(
            Turn(
                role=t["role"],
                text=t["text"],
                move=t.get("move"),
                disclosures=t.get("disclosures", []),
                note=t.get("note"),
                terms=t.get("terms") if t["role"] == "counterpart" else (reading or {}).get("terms") or None,
                reading=reading,
            )
        )
    ledger = state.get("ledger") or {}
    return Transcript(
        session_id=session_id,
        persona_id=persona.id,
        persona_name=persona.name,
        difficulty=state.get("difficulty"),
        prep=prep,
        turns=turns,
        concerns=concern_infos(persona, state.get("ledger")),
        outcome=state.get("outcome"),
        agreed=ledger.get("agreed"),
        issues=list(persona.issues),
    )
