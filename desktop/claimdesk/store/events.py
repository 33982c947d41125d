"""The project's event log: every mutation records who did what, when."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import os


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_actor() -> str:
    """Who is acting: $CLAIMDESK_USER when set (shared accounts, tests), else the login name."""
    if os.environ.get("CLAIMDESK_USER"):
        return os.environ["CLAIMDESK_USER"]
    try:
        return getpass.getuser()
    except Exception:  # no user name in this environment (some containers)
        return "unknown"


def record_event(db, action: str, subject: str = "", detail: dict | None = None,
                 actor: str | None = None) -> int:
    cursor = db.execute(
        "INSERT INTO events (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        [now_iso(), actor or current_actor(), action, subject, json.dumps(detail or {}, ensure_ascii=False)],
    )
    return cursor.lastrowid
