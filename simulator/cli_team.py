"""Team mode from the command line: `parley team` (roles) and `parley assign` (a coach's assignments)."""

from __future__ import annotations

import argparse
import json

from simulator.cli_common import Invocation, print_err
from simulator.personas import DIFFICULTIES


def add_team(sub: argparse._SubParsersAction) -> None:
    """Register `parley team`."""
    team = sub.add_parser(
        "team",
        help="list people's roles, or make someone a learner, coach or admin",
        description="Roles for team mode: a coach reads and comments on the sessions of the "
        "learners in their team; an admin reads the audit log.",
    )
    team.add_argument("action", choices=("list", "set"))
    team.add_argument("email", nargs="?", help="with set: who (their sign-in email)")
    team.add_argument("--role", choices=("learner", "coach", "admin"), help="with set: the role")
    team.add_argument(
        "--team", default="", help="with set: the team name (a coach sees the learners of theirs)"
    )
    team.set_defaults(func=run_team)


def add_assign(sub: argparse._SubParsersAction) -> None:
    """Register `parley assign create|list|cancel`."""
    assign = sub.add_parser(
        "assign",
        help="a coach assigns a rehearsal to a learner of their team; list or cancel assignments",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        description="Assignments: a coach gives a learner of their team a rehearsal to do (persona, difficulty, an "
        "optional due date, a note). It shows on the learner's Prepare page with its status (assigned, "
        "started, done; overdue when past its due date); the learner's Start begins it, and it is done "
        "when that session ends. A learner sees only their own, a coach only their team's; anyone else "
        "gets 'not found'. The command line acts for the person named by --as (an operator acting for "
        "them; default: local, the single user). Creating and cancelling are in the audit log.",
        epilog="examples:\n"
        "  parley team set coach@example.com --role coach --team sales      first: the roles\n"
        "  parley team set alice@example.com --role learner --team sales\n"
        "  parley assign create alice@example.com --as coach@example.com -p coffee-supplier -d hard \\\n"
        "      --due 2026-12-31 --note 'Find the cash-flow problem before you talk price'\n"
        "  parley assign list --as coach@example.com        the team's assignments and their status\n"
        "  parley assign list --as alice@example.com        hers\n"
        "  parley assign cancel ASSIGNMENT_ID --as coach@example.com",
    )
    assign_sub = assign.add_subparsers(dest="action", metavar="ACTION", required=True)
    as_help = "act as this person (their sign-in email); default: local"
    create = assign_sub.add_parser(
        "create",
        help="assign a rehearsal to a learner of your team",
        description="Assign a rehearsal to a learner of your team (you must be a coach).",
    )
    create.add_argument("learner", help="the learner's sign-in email (see `parley team list`)")
    create.add_argument("--as", dest="actor", default=None, metavar="COACH", help=as_help)
    create.add_argument("--persona", "-p", required=True, help="persona id (see `parley personas`)")
    create.add_argument(
        "--difficulty", "-d", choices=DIFFICULTIES, help="easy, realistic or hard (default: the persona's)"
    )
    create.add_argument("--due", metavar="YYYY-MM-DD", help="due date (optional; today or later)")
    create.add_argument(
        "--note", default="", help="a note the learner reads on Prepare (at most 1,000 characters)"
    )
    listing = assign_sub.add_parser(
        "list",
        help="list assignments: a learner's own, or a coach's team's",
        description="List assignments with their status, newest first.",
    )
    listing.add_argument("--as", dest="actor", default=None, metavar="EMAIL", help=as_help)
    listing.add_argument("--all", action="store_true", help="include cancelled ones")
    listing.add_argument("--json", action="store_true", help="JSON on stdout (for scripts)")
    cancel = assign_sub.add_parser(
        "cancel",
        help="cancel an assignment of your team (you must be its coach)",
        description="Cancel an assignment: the learner no longer sees it. Done ones stay done.",
    )
    cancel.add_argument("assignment_id")
    cancel.add_argument("--as", dest="actor", default=None, metavar="COACH", help=as_help)
    assign.set_defaults(func=run_assign, for_people=lambda args: not getattr(args, "json", False))


def run_team(args: argparse.Namespace, run: Invocation) -> int:
    """`parley team list|set`: the operator manages roles (recorded in the audit log as 'local')."""
    from simulator.session import InputError, Rehearsals

    settings, stdout, stderr = run.settings(), run.stdout, run.stderr
    service = Rehearsals(settings)
    try:
        if args.action == "set":
            if not args.email or not args.role:
                print_err(stderr, "team set needs an EMAIL and --role learner|coach|admin")
                return 2
            try:
                service.set_role(args.email, args.role, args.team)
            except InputError as exc:
                print_err(stderr, str(exc))
                return 2
            print(
                f"{args.email.strip().lower()} is now {args.role}"
                + (f" in team {args.team}" if args.team else ""),
                file=stdout,
            )
            return 0
        members = service.store.members()
    finally:
        service.close()
    if not members:
        print(
            "Nobody has a role yet: everyone is a learner. Add one with: parley team set EMAIL --role coach "
            "--team NAME",
            file=stdout,
        )
    for email, role, team_name in members:
        print(f"{email:<40} {role:<8} {team_name}", file=stdout)
    return 0


def run_assign(args: argparse.Namespace, run: Invocation) -> int:
    """`parley assign create|list|cancel`: assignments, acting for the person named by --as."""
    from dataclasses import asdict

    from simulator.session import InputError, Rehearsals, SessionNotFound
    from simulator.store import LOCAL_OWNER

    settings, stdout, stderr = run.settings(), run.stdout, run.stderr
    base = Rehearsals(settings)
    try:
        try:
            service = base.for_owner(args.actor or LOCAL_OWNER)
            if args.action == "create":
                row = service.assign(
                    args.learner, args.persona, args.difficulty, due=args.due, note=args.note
                )
                print(
                    f"assigned {row.id} to {row.learner}: {row.persona_id} ({row.difficulty})"
                    + (f", due {row.due}" if row.due else ""),
                    file=stdout,
                )
                return 0
            if args.action == "cancel":
                row = service.cancel_assignment(args.assignment_id)
                print(f"cancelled {row.id} ({row.learner}: {row.persona_id})", file=stdout)
                return 0
            rows = service.assignments(include_cancelled=args.all)
        except (InputError, SessionNotFound) as exc:
            print_err(stderr, str(exc))
            return 2
    finally:
        base.close()
    if args.json:
        print(
            json.dumps([asdict(r) | {"overdue": r.overdue()} for r in rows], indent=2, ensure_ascii=False),
            file=stdout,
        )
        return 0
    if not rows:
        print(
            f"No assignments for {service.owner}"
            + (f" (role {service.role}, team {service.team})" if service.team else f" (role {service.role})")
            + ".",
            file=stdout,
        )
    for r in rows:
        print(
            f"{r.id}  {r.learner:<28} {r.persona_id:<20} {r.difficulty:<9} {('due ' + r.due) if r.due else 'no due date':<14} "
            f"{r.label()}" + (f"  “{r.note}”" if r.note else ""),
            file=stdout,
        )
    return 0
