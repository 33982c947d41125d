"""The project's event log: every mutation records who did what, when."""

from __future__ import annotations

import datetime as dt
import getpass
import json


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def current_actor() -> str:
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


def list_events(db, limit: int = 100) -> list[dict]:
    rows = db.execute(
        "SELECT id, at, actor, action, subject, detail FROM events ORDER BY id DESC LIMIT ?", [limit]).fetchall()
    return [dict(id=r[0], at=r[1], actor=r[2], action=r[3], subject=r[4], detail=json.loads(r[5])) for r in rows]
