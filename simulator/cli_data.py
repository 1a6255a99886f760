"""Records from the command line: the audit log (`parley audit`), one person's data (`parley data`) and retention."""

from __future__ import annotations

import argparse
from pathlib import Path

from simulator.cli_common import Invocation, bounded_int, print_err


def add_audit(sub: argparse._SubParsersAction) -> None:
    """Register `parley audit`."""
    audit = sub.add_parser(
        "audit",
        help="read the audit log: who started, viewed, exported and deleted what",
        description="Print the audit log, oldest first (times in UTC).",
    )
    audit.add_argument("--csv", action="store_true", help="CSV on stdout (for a spreadsheet)")
    audit.add_argument("--actor", help="only what this person did (an email, or 'local')")
    audit.add_argument("--owner", help="only entries about this person's data")
    audit.add_argument("--days", type=bounded_int("days", 1, 100_000), help="only the last N days")
    audit.set_defaults(func=run_audit, for_people=lambda args: not args.csv)


def add_data(sub: argparse._SubParsersAction) -> None:
    """Register `parley data export|erase`."""
    data = sub.add_parser(
        "data",
        help="export or erase all of one person's data",
        description="Data rights: everything one owner has in Parley, as one zip, or erased. "
        "The CLI acts for 'local' (the single user) unless --owner names a "
        "signed-in person (for an operator answering a request).",
    )
    data.add_argument("action", choices=("export", "erase"))
    data.add_argument("--owner", default=None, help="whose data (default: local, the single user)")
    data.add_argument("--output", "-o", metavar="FILE.zip", help="with export: where to write the archive")
    data.add_argument("--yes", action="store_true", help="with erase: really erase, without asking")
    data.set_defaults(func=run_data)


def add_retention(sub: argparse._SubParsersAction) -> None:
    """Register `parley retention`."""
    retention = sub.add_parser(
        "retention",
        help="delete sessions idle longer than PARLEY_RETENTION_DAYS",
        description="Apply the retention setting now (the app also applies it when it "
        "starts). Every owner's sessions; each deletion is audited.",
    )
    retention.add_argument(
        "--days",
        type=bounded_int("days", 1, 36_500),
        help="use this many days instead of PARLEY_RETENTION_DAYS",
    )
    retention.set_defaults(func=run_retention)


AUDIT_FIELDS = ("when_utc", "actor", "action", "session_id", "owner", "detail")


def run_audit(args: argparse.Namespace, run: Invocation) -> int:
    """`parley audit`: the audit log, oldest first, as a table or CSV."""
    import csv
    import time
    from datetime import UTC, datetime

    from simulator.store import Store

    settings, stdout = run.settings(), run.stdout
    since = time.time() - args.days * 86_400 if args.days else None
    store = Store(settings.resolved_database_url)
    try:
        entries = store.audit_entries(actor=args.actor, owner=args.owner, since=since)
    finally:
        store.close()
    rows = [
        {
            "when_utc": datetime.fromtimestamp(e["at"], UTC).strftime("%Y-%m-%d %H:%M:%S"),
            **{k: e[k] or "" for k in AUDIT_FIELDS[1:]},
        }
        for e in entries
    ]
    if args.csv:
        writer = csv.DictWriter(stdout, fieldnames=AUDIT_FIELDS)
        writer.writeheader()
        for row in rows:  # a cell a spreadsheet would run as a formula gets a leading quote
            writer.writerow(
                {
                    k: "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@") else v
                    for k, v in row.items()
                }
            )
        return 0
    if not rows:
        print("The audit log is empty.", file=stdout)
    for row in rows:
        print(
            f"{row['when_utc']}  {row['actor']:<28} {row['action']:<10} {row['session_id'] or '-':<12} "
            f"{row['detail']}",
            file=stdout,
        )
    return 0


def run_data(args: argparse.Namespace, run: Invocation) -> int:
    """`parley data export|erase`: all of one owner's sessions, prep answers and transcripts."""
    from simulator.session import Rehearsals
    from simulator.store import LOCAL_OWNER

    settings, stdin, stdout, stderr = run.settings(), run.stdin, run.stdout, run.stderr
    service = Rehearsals(settings).for_owner(args.owner or LOCAL_OWNER)
    try:
        if args.action == "export":
            archive = service.export_all()
            if args.output:
                Path(args.output).write_bytes(archive)
                print(f"wrote {args.output} ({len(archive):,} bytes)", file=stderr)
            elif hasattr(stdout, "buffer") and not stdout.isatty():
                stdout.flush()
                stdout.buffer.write(archive)
            else:
                print_err(stderr, "give --output FILE.zip (an archive is not for a terminal)")
                return 2
            return 0
        count = len(service.sessions(1_000_000))
        if not args.yes:
            print(
                f"Erase {count} session(s) of {service.owner} for good? Type 'erase' to confirm: ",
                end="",
                file=stderr,
                flush=True,
            )
            if stdin.readline().strip().lower() != "erase":
                print("Nothing erased.", file=stderr)
                return 1
        erased = service.erase_all()
        print(f"Erased {erased} session(s) of {service.owner}.", file=stdout)
        return 0
    finally:
        service.close()


def run_retention(args: argparse.Namespace, run: Invocation) -> int:
    """`parley retention`: delete sessions idle longer than the retention setting."""
    from simulator.session import Rehearsals

    settings, stdout = run.settings(), run.stdout
    days = args.days or settings.retention_days
    if not days:
        print(
            "No retention set (PARLEY_RETENTION_DAYS=0 keeps sessions forever); nothing deleted.", file=stdout
        )
        return 0
    service = Rehearsals(settings)
    try:
        count = service.apply_retention(days)
    finally:
        service.close()
    print(f"Deleted {count} session(s) idle for more than {days} days.", file=stdout)
    return 0
