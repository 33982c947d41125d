"""The review vocabulary is defined once: a new project's list (seeded by migration 0006,
whose released literal stays) is core.statuses.DEFAULT_STATUSES, and nothing else in the
code spells the built-in statuses out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import claimdesk
from claimdesk.core.statuses import DEFAULT_STATUSES
from claimdesk.store import review as review_repo

PACKAGE = Path(claimdesk.__file__).parent


def test_a_new_projects_vocabulary_is_the_default_list(project):
    stored = project.db.execute("SELECT value FROM meta WHERE key = 'statuses'").fetchone()[0]
    assert json.loads(stored) == list(DEFAULT_STATUSES) == review_repo.statuses(project.db)


def test_no_module_lists_the_statuses_again():
    # a tuple or list of two or more built-in statuses outside core/statuses.py (and the
    # released migration) is a second definition that a custom status would not be part of
    literal = "|".join(re.escape(f'"{s}"') for s in DEFAULT_STATUSES)
    pattern = re.compile(rf"[(\[]\s*({literal})\s*,\s*({literal})")
    offenders = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if p.relative_to(PACKAGE).as_posix() not in ("core/statuses.py", "store/migrations.py")
                 and pattern.search(p.read_text())]
    assert offenders == []
