"""Integrity checks on claims, as pure functions over plain values.

Errors mean the record cannot be trusted (an original no longer hashes to its SHA-256,
a quote no longer equals the document text at its offsets); warnings mean the claim is
incomplete (its normalised value is not stated in its quote, a required field is empty).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from claimdesk.core.claims import Claim
from claimdesk.core.kinds import FUNDING, OFFICIAL, PRINCIPAL_FIELD, STATISTIC, TARGET
from claimdesk.core.names import name_key
from claimdesk.core.normalize import sha256_hex

ERROR, WARNING = "error", "warning"
REQUIRED = {FUNDING: ("amount", "currency"), TARGET: ("quantity",), STATISTIC: ("value",),
            OFFICIAL: ("name", "position")}


@dataclass(frozen=True)
class Finding:
    severity: str
    check: str
    subject: str  # "original <sha>" or "claim #<id>"
    message: str


def check_original(sha256: str, content: bytes, file_name: str) -> list[Finding]:
    actual = sha256_hex(content)
    if actual != sha256:
        return [Finding(ERROR, "original-hash", f"original {sha256[:12]}",
                        f"{file_name}: stored bytes hash to {actual[:12]}…, not the recorded {sha256[:12]}…")]
    return []


def check_claim(claim: Claim, document_text: str) -> list[Finding]:
    subject = f"claim #{claim.id}"
    findings = []
    if claim.anchor_state == "orphaned":
        findings.append(Finding(WARNING, "orphaned", subject, f"quote {claim.quote[:40]!r} is not in the new version "
                                "of its document; review it (re-anchor by hand or delete)"))
    elif document_text[claim.start:claim.end] != claim.quote:
        found = document_text[claim.start:claim.end]
        findings.append(Finding(ERROR, "quote-offsets", subject,
                                f"quote {claim.quote[:40]!r} is not the text at {claim.start}-{claim.end} "
                                f"({found[:40]!r})"))
    for name in REQUIRED.get(claim.kind, ()):
        if claim.fields.get(name) in (None, ""):
            findings.append(Finding(WARNING, "required-field", subject, f"{claim.kind} claim without {name}"))
    stated = value_stated(claim)
    if stated is False:
        key = PRINCIPAL_FIELD.get(claim.kind, "name")
        findings.append(Finding(WARNING, "value-in-quote", subject,
                                f"{key} {claim.fields.get(key)} is not stated in the quote {claim.quote[:60]!r}"))
    return findings


def check_file_damage(problems: list[str], readable_rows: dict[str, int]) -> list[Finding]:
    """Errors for the damage SQLite's integrity check and the UTF-8 check of stored texts
    found, closing with what can still be read (what `claimdesk recover` would save)."""
    if not problems:
        return []
    findings = [Finding(ERROR, "damaged-file", "project file", problem) for problem in problems]
    readable = ", ".join(f"{count} {table}" for table, count in readable_rows.items() if count)
    findings.append(Finding(ERROR, "damaged-file", "project file",
                            f"the file is damaged; rows still readable: {readable or 'none'}. "
                            "claimdesk recover PROJECT OUT saves what can be read into a new project"))
    return findings


def value_stated(claim: Claim) -> bool | None:
    """Whether the claim's normalised value appears in its quote (None: nothing to check)."""
    if claim.kind == OFFICIAL:
        name = claim.fields.get("name")
        return None if not name else name_key(name) in name_key(claim.quote) or _tokens_in(name, claim.quote)
    key = PRINCIPAL_FIELD.get(claim.kind)
    raw = claim.fields.get(key) if key else None
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw))
    except InvalidOperation:
        return False
    from claimdesk.core.numbers import find_quantities  # its grammar compiles in ~30 ms: not at startup

    for quantity in find_quantities(claim.quote):
        if value in (quantity.value, quantity.high) or (quantity.conversion and value == quantity.conversion.value):
            return True
    return False


def _tokens_in(name: str, quote: str) -> bool:
    keys = set(name_key(quote).split())
    return all(token in keys for token in name_key(name).split())


def check_duplicate_documents(groups: list[tuple[str, list[int], str]]) -> list[Finding]:
    """One error per file stored as several top-level documents: ``groups`` holds
    (sha256, document ids, file name) of each such file."""
    return [Finding(ERROR, "duplicate-document", f"document #{ids[0]}",
                    f"{name}: the same file is stored as documents {', '.join(f'#{i}' for i in ids)} "
                    "(imported twice at once); claims marked in the copies are kept apart from each other")
            for _sha, ids, name in groups]
