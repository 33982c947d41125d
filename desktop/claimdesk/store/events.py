"""The project's event log: every mutation records who did what, when."""

from __future__ import annotations

import datetime as dt
import json
import os
from typing import Any

from sqlite_utils import Database

from claimdesk.store.rows import inserted_id


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


UNNAMED_ANALYST = "unnamed analyst"


def current_actor() -> str:
    """Who is acting: $CLAIMDESK_USER when set (shared accounts, tests), else "unnamed
    analyst" - never the login name, which would reach exports as an author nobody chose."""
    return os.environ.get("CLAIMDESK_USER") or UNNAMED_ANALYST


def record_event(db: Database, action: str, subject: str = "", detail: dict[str, Any] | None = None,
                 actor: str | None = None) -> int:
    cursor = db.execute(
        "INSERT INTO events (at, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?)",
        [now_iso(), actor or current_actor(), action, subject, json.dumps(detail or {}, ensure_ascii=False)],
    )
    return inserted_id(cursor)
