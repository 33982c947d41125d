"""The integrity report: on demand (`claimdesk verify`, which also checks the file
itself) and before every export."""

from __future__ import annotations

from dataclasses import dataclass, field

from claimdesk.core.integrity import ERROR, WARNING, Finding, check_claim, check_file_damage, check_original
from claimdesk.core.integrity import check_duplicate_documents  # issue 16: files imported twice at once
from claimdesk.store import claims as claims_repo
from claimdesk.store import documents as documents_repo
from claimdesk.store.project import Project, is_damage


@dataclass
class IntegrityReport:
    findings: list[Finding] = field(default_factory=list)
    originals: int = 0
    claims: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


def verify(project: Project, check_file: bool = False) -> IntegrityReport:
    """The claims' and originals' checks; with ``check_file`` first SQLite's integrity
    check and a UTF-8 check of every stored text (reads the whole file), and damage met
    by the other checks becomes a finding instead of an error."""
    report = IntegrityReport()
    if check_file:
        from claimdesk.store import salvage  # the damage reader: `verify` only, not at the window's startup

        damage = salvage.check_damage(project.db)
        report.findings += check_file_damage(damage.problems, damage.readable_rows)
    try:
        _check_records(project, report)
    except Exception as exc:
        if not (check_file and is_damage(exc)):
            raise
        report.findings.append(Finding(ERROR, "damaged-file", "project file",
                                       f"the checks of originals and claims stopped at damage ({exc})"))
    return report


def _check_records(project: Project, report: IntegrityReport) -> None:
    for sha, name, content in documents_repo.iter_originals(project.db):
        report.findings += check_original(sha, content, name)
        report.originals += 1
    report.findings += check_duplicate_documents(documents_repo.duplicate_top_level(project.db))
    texts: dict[int, str] = {}
    for claim in claims_repo.all_claims(project.db):
        if claim.document_id not in texts:
            texts[claim.document_id] = documents_repo.document_text(project.db, claim.document_id) or ""
        report.findings += check_claim(claim, texts[claim.document_id])
        report.claims += 1


def check_one(project: Project, claim_id: int) -> list[Finding]:
    """The checks of one claim, for the claim editor."""
    claim = claims_repo.get_claim(project.db, claim_id)
    if claim is None:
        return []
    return check_claim(claim, documents_repo.document_text(project.db, claim.document_id) or "")
