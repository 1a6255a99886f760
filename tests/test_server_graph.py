"""langgraph.json points LangGraph Server / Studio at a graph that runs with a JSON context and its checkpointer."""

from __future__ import annotations

import importlib.util
import json
import sys

from langgraph.checkpoint.memory import InMemorySaver
from langgraph.types import Command

from simulator.settings import REPO_ROOT


def _load_graph():
    spec = json.loads((REPO_ROOT / "langgraph.json").read_text())
    path, _, attr = spec["graphs"]["rehearsal"].partition(":")
    module_spec = importlib.util.spec_from_file_location("server_graph_under_test", REPO_ROOT / path)
    module = importlib.util.module_from_spec(module_spec)
    sys.modules[module_spec.name] = module  # as the server's loader does
    module_spec.loader.exec_module(module)
    return module, getattr(module, attr)


def test_the_server_graph_runs_a_turn_with_a_json_context(clean_env):
    module, graph = _load_graph()
    assert graph.checkpointer is None  # the server provides one
    served = graph.copy(update={"checkpointer": InMemorySaver()})  # what the server does
    config = {"configurable": {"thread_id": "t1"}}
    context = {"persona_id": "coffee-supplier"}  # JSON, as a run request carries it
    opened = served.invoke(module.initial_input("coffee-supplier", seed=2), config, context=context, version="v2")
    assert opened.interrupts and opened.value["turns"][0]["role"] == "counterpart"
    answered = served.invoke(Command(resume="What concerns you most about this?"), config, context=context, version="v2")
    last = answered.value["turns"][-1]
    assert last["move"] == "raise_concern" and last["disclosures"]
