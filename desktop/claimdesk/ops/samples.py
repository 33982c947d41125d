"""The sample project a first run opens: the fictional corpus with claims already marked."""

from __future__ import annotations

import json
from pathlib import Path

from claimdesk.core.claims import CreateClaim
from claimdesk.ops.claims import apply_command, document_text
from claimdesk.ops.importing import Progress, import_paths
from claimdesk.ops.projects import new_project, open_existing
from claimdesk.store import documents as documents_repo
from claimdesk.store.project import Project, ProjectError


def ensure_sample_project(path: Path, samples_dir: Path, claims_file: Path | None = None,
                          progress: Progress | None = None) -> Project:
    """Opens the sample project, building it from the bundled samples the first time.

    It is built under a ``.part`` name and renamed when complete, so an interrupted first
    run never leaves a half-made sample project behind.
    """
    if path.exists():
        return open_existing(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    partial.unlink(missing_ok=True)
    project = new_project(partial)
    try:
        report = import_paths(project, [samples_dir], progress=progress)
        if report.failed:
            raise ProjectError(f"the sample {report.failed[0].path.name} did not import: {report.failed[0].message}")
        if claims_file is not None:
            mark_sample_claims(project, claims_file)
    finally:
        project.close()
    for suffix in ("-wal", "-shm"):
        Path(str(partial) + suffix).unlink(missing_ok=True)
    partial.rename(path)
    return open_existing(path)


def mark_sample_claims(project: Project, claims_file: Path) -> int:
    """Creates the claims a JSON file lists by quote; returns how many. A quote that is not
    in its document is an error in the sample data, reported by name."""
    spec = json.loads(claims_file.read_text(encoding="utf-8"))
    documents = documents_repo.list_documents(project.db)
    count = 0
    for item in spec["claims"]:
        candidates = [d for d in documents if d.file_name == item["file"] and not d.is_container
                      and ("article" not in item or d.title == item["article"])]
        if not candidates:
            raise ProjectError(f"{claims_file.name}: no document {item['file']} {item.get('article', '')}")
        document = candidates[0]
        text = document_text(project, document.id)
        start = text.find(item["quote"])
        if start < 0:
            raise ProjectError(f"{claims_file.name}: quote not found in {item['file']}: {item['quote'][:40]!r}")
        apply_command(project, CreateClaim(document.id, item["kind"], start, start + len(item["quote"]),
                                     item.get("fields", {}), origin="sample"), actor="sample")
        count += 1
    return count
