import json, tempfile
from evals.learners import run_session
from simulator.session import Rehearsals
from simulator.settings import Settings
service = Rehearsals(Settings(_env_file=None, data_dir=tempfile.mkdtemp()))
r = run_session(service, service.library.get("landlord-renewal"), "realistic", "skilled")
t = service.transcript(r.session_id)
for turn in t.turns:
    d = turn.model_dump()
    print(d.get("role"), "|", d.get("text")[:300])
    rd = d.get("reading") or {}
    if rd.get("summary"): print("   SUMMARY", rd["summary"])
service.close()
