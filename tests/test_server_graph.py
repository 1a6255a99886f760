"""langgraph.json points LangGraph Server / Studio at a graph whose input requires the persona, whose context comes
from the same factory as the app's (judge included), and whose runs carry and respect the owner."""

from __future__ import annotations

import importlib.util
import json
import sys
from types import ModuleType
from typing import Any

import pytest
from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from simulator.settings import REPO_ROOT, Settings

pytestmark = pytest.mark.slow

ALICE, BOB = "alice@example.com", "bob@example.com"


def _load_graph() -> tuple[ModuleType, Any]:
    spec = json.loads((REPO_ROOT / "langgraph.json").read_text())
    path, _, attr = spec["graphs"]["rehearsal"].partition(":")
    module_spec = importlib.util.spec_from_file_location("server_graph_under_test", REPO_ROOT / path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[module_spec.name] = module  # as the server's loader does
    module_spec.loader.exec_module(module)
    return module, getattr(module, attr)


def _served(graph: Any) -> Any:
    assert graph.checkpointer is None  # the server provides one
    return graph.copy(update={"checkpointer": InMemorySaver()})  # what the server does


def test_the_server_graph_runs_and_resumes_with_no_context(clean_env):
    module, graph = _load_graph()
    served = _served(graph)
    config = {"configurable": {"thread_id": "t1"}}
    opened = served.invoke(module.initial_input("landlord-renewal", seed=2), config, version="v2")
    assert opened.interrupts and opened.value["turns"][0]["role"] == "counterpart"
    assert opened.value["persona_id"] == "landlord-renewal" and opened.value["difficulty"] == "realistic"
    answered = served.invoke(Command(resume="What concerns you most about renewing?"), config, version="v2")
    last = answered.value["turns"][-1]
    assert last["move"] == "raise_concern" and last["disclosures"]
    # A client written for the first version still sends the persona as JSON context: fine when it matches.
    again = served.invoke(
        Command(resume="Tell me more about that."),
        config,
        context={"persona_id": "landlord-renewal"},
        version="v2",
    )
    assert again.value["turns"][-1]["role"] == "counterpart"
    with pytest.raises(ValueError, match="this thread rehearses 'landlord-renewal'"):
        served.invoke(Command(resume="And?"), config, context={"persona_id": "coffee-supplier"})


def test_the_input_schema_requires_the_persona_and_a_run_without_one_says_so(clean_env):
    module, graph = _load_graph()
    schema = graph.get_input_jsonschema()
    assert schema["required"] == ["persona_id"]
    assert set(schema["properties"]) == {"persona_id", "difficulty", "seed", "prep"}
    served = _served(graph)
    for bad in ({}, {"difficulty": "hard"}, {"persona_id": ""}):
        with pytest.raises(ValueError, match="A rehearsal needs a persona"):
            served.invoke(bad, {"configurable": {"thread_id": f"t-{len(bad)}-{bad}"}})
    with pytest.raises(ValueError, match="no persona 'no-such-person'"):
        served.invoke({"persona_id": "no-such-person"}, {"configurable": {"thread_id": "t9"}})
    with pytest.raises(ValueError, match="'difficulty' is not usable"):
        served.invoke(
            {"persona_id": "coffee-supplier", "difficulty": "brutal"}, {"configurable": {"thread_id": "t8"}}
        )
    state = served.get_state({"configurable": {"thread_id": "t-0-{}"}})
    assert not state.values.get(
        "turns"
    )  # nothing was said with a persona nobody chose (no coffee-supplier default)


def test_the_server_and_the_app_get_their_judge_from_the_same_factory(clean_env, monkeypatch):
    from simulator.judge import LLMJudge
    from simulator.session import open_rehearsals

    monkeypatch.setenv("PARLEY_LLM_BASE_URL", "http://127.0.0.1:9/v1")  # never called here
    monkeypatch.setenv("PARLEY_LLM_MODEL", "m")
    monkeypatch.setenv("PARLEY_LLM_JUDGE", "true")
    module, _ = _load_graph()
    server = module._engines()
    app = open_rehearsals(
        Settings(
            _env_file=None,
            data_dir=clean_env,
            llm_base_url="http://127.0.0.1:9/v1",
            llm_model="m",
            llm_judge=True,
        )
    )
    try:
        assert isinstance(server.judge, LLMJudge) and isinstance(app.judge, LLMJudge)
        assert type(server.voice) is type(app.voice) and server.voice.name.startswith("llm")
    finally:
        app.close()
    monkeypatch.setenv("PARLEY_LLM_JUDGE", "false")
    module, _ = _load_graph()
    assert module._engines().judge is None


def test_team_mode_runs_see_only_their_owners_personas_and_carry_the_owner(clean_env, monkeypatch):
    from simulator.session import Rehearsals

    url = f"sqlite:///{clean_env / 'parley.db'}"
    app = Rehearsals(Settings(_env_file=None, data_dir=clean_env, database_url=url, auth="oidc"))
    try:
        pid = app.for_owner(ALICE).persona_shelf().duplicate("coffee-supplier").id  # private to Alice
        started = app.for_owner(ALICE).start(pid, seed=1)
        checkpoint = app.graph.get_state({"configurable": {"thread_id": started.session_id}})
        assert checkpoint.metadata["owner"] == ALICE  # the app's threads carry their owner like the server's
    finally:
        app.close()
    monkeypatch.setenv("PARLEY_AUTH", "oidc")
    monkeypatch.setenv("PARLEY_DATABASE_URL", url)
    module, graph = _load_graph()
    served = _served(graph)

    def run(owner: str | None, thread: str) -> Any:
        config: dict[str, Any] = {"configurable": {"thread_id": thread}}
        if owner:
            config["metadata"] = {"owner": owner}  # what server_auth stamps on each run it creates
        return served.invoke({"persona_id": pid, "seed": 1}, config, version="v2")

    with pytest.raises(ValueError, match=f"no persona '{pid}'"):
        run(BOB, "bob")
    with pytest.raises(PermissionError, match="No signed-in owner"):
        run(None, "nobody")
    opened = run(ALICE, "alice")
    assert opened.value["turns"][0]["role"] == "counterpart"
    assert served.get_state({"configurable": {"thread_id": "alice"}}).metadata["owner"] == ALICE
