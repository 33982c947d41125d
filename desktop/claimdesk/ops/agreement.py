"""Agreement between analysts (`claimdesk agreement`, Review ▸ Agreement): gathers two
analysts' claims and hands them to core.agreement, which computes span agreement
(Krippendorff's alpha over code points, per kind) and value agreement on matched claims.

Two ways to name the analysts:

- two authors of one project (after a merge): each claim counts for its author, as it is
  now. A claim a merge made of two analysts' claims (``claimdesk merge``) also counts for the
  other analyst, as their own last version: the merge appends their claim's history to the
  kept claim, and its snapshots keep their author, span, kind and values. What the merge
  filled into the kept claim, and what resolving a disagreement took from the other
  analyst, are not its author's marks: such a claim counts for its author as their own last
  version in its history (store.agreement.own_versions_before_merging). Only the
  texts in which both authors marked at least one claim are compared (a project does not
  record who read a text and found nothing in it); the others are listed as skipped.
- two files (each analyst's own project): a text is the same in both when its original's
  SHA-256 and its article ordinal are (a whole file: 0; a digest page's articles: 1, 2 …)
  and so is its stored text; every claim of each file counts for that file. Texts only one
  file holds, or that the two normalised differently, are listed as skipped. The other
  file is read from a private copy (migrated there if an older Claimdesk wrote it), so it
  is never changed, not even by an upgrade.

Reading only: nothing is written to either project, and an older project is read from an
upgraded private copy (``open_for_reading``), never upgraded in place.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Hashable, Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

from claimdesk.core.agreement import AgreementReport, Disagreement, Mark, Text, compare
from claimdesk.store import agreement as repo
from claimdesk.store.project import (Project, ProjectError, copy_readable, inspect_project_file, open_project,
                                     schema_version, storage_errors)

METHOD = ("span: Krippendorff's alpha (nominal) over code points, each inside a claim of the kind or not; "
          "values: share of matched claims (same text and kind, overlapping spans) whose fields all agree; "
          "review statuses count in neither: two different verdicts on a matched pair are a 'status' disagreement")


class AgreementError(ValueError):
    """The analysts or kind named cannot be compared; the message says why and what there is."""


def authors(project: Project) -> dict[str, int]:
    """Claims per author in the project (a merged claim counts for both analysts), most first."""
    with storage_errors():
        return _counts(_authored_claims(project))


def kind_names(project: Project) -> list[str]:
    with storage_errors():
        return repo.kind_names(project.db)


def _authored_claims(project: Project) -> list[repo.AuthoredClaim]:
    """Every claim as its author marked it, and each merged claim as the other analyst did:
    a row a merge filled in or a resolution changed is read as its author's own last version."""
    rows = repo.authored_claims(project.db)
    own = repo.own_versions_before_merging(project.db)
    read = [_version(row.id, row.document_id, row.author, own[row.id]) if row.id in own else row for row in rows]
    claims = [claim for claim in read if claim is not None]
    documents = {row.id: row.document_id for row in rows}
    for claim_id, author, version in repo.other_authors_versions(project.db):
        if version is not None and claim_id in documents:
            other = _version(claim_id, documents[claim_id], author, version)
            if other is not None:
                claims.append(other)
    return claims


def _version(claim_id: int, document_id: int, author: str,
             version: dict[str, Any]) -> repo.AuthoredClaim | None:
    """A claim as one snapshot of its history holds it (None for one without a kind)."""
    if not version.get("kind"):
        return None
    return repo.AuthoredClaim(claim_id, document_id, version["kind"], version["start"], version["end"],
                              version.get("fields") or {}, version.get("quote", ""), author,
                              version.get("status", ""))


def _counts(claims: list[repo.AuthoredClaim]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.author] = counts.get(claim.author, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def between_authors(project: Project, first: str | None = None, second: str | None = None,
                    kind: str | None = None) -> AgreementReport:
    """Agreement of two authors' claims in one project; without names, of its only two authors."""
    with storage_errors():
        claims = _authored_claims(project)
        counts = _counts(claims)
        _check_kind(project, kind)
        listed = ", ".join(f"{name} ({count})" for name, count in counts.items()) or "none"
        if first is None and second is None:
            if len(counts) < 2:
                who = f"only {listed} marked claims in it" if counts else "it holds no claims yet"
                raise AgreementError(f"{project.path.name}: {who}; compare it with another analyst's file")
            if len(counts) > 2:
                raise AgreementError(f"{project.path.name}: claims by {len(counts)} authors ({listed}); "
                                     "name the two to compare")
            first, second = sorted(counts)
        if not first or not second:
            raise AgreementError("name two authors to compare")
        if first == second:
            raise AgreementError(f"{first!r} named twice; name two different authors")
        missing = [name for name in (first, second) if name not in counts]
        if missing:
            raise AgreementError(f"{project.path.name}: no claims by {', '.join(map(repr, missing))}; "
                                 f"authors: {listed}")
        sources = repo.markable_texts(project.db)
    marked_by: dict[int, set[str]] = {}
    for claim in claims:
        marked_by.setdefault(claim.document_id, set()).add(claim.author)
    texts, skipped = [], []
    for source in sources:
        marked = marked_by.get(source.id, set()) & {first, second}
        if marked == {first, second}:
            texts.append(_text(source.id, source))
        elif marked:
            skipped.append(f"{_label(source)}: only {marked.pop()} marked claims in it")
    marks = {name: [_mark(c, c.document_id) for c in claims if c.author == name and (not kind or c.kind == kind)]
             for name in (first, second)}
    return compare(texts, marks[first], marks[second], first_name=first, second_name=second,
                   kinds=[kind] if kind else None, skipped=skipped)


def between_files(project: Project, other_path: str | Path, kind: str | None = None) -> AgreementReport:
    """Agreement of the claims in this project with those in another analyst's file."""
    other_path = Path(other_path)
    with storage_errors():
        _check_kind(project, kind)
        own_sources = repo.markable_texts(project.db)
        own_claims = repo.authored_claims(project.db, kind)
    with _reading_copy(project, other_path) as other, storage_errors():
        other_sources = repo.markable_texts(other.db)
        other_claims = repo.authored_claims(other.db, kind)
    first_name, second_name = project.path.name, other_path.name
    if first_name == second_name:
        first_name, second_name = str(project.path), str(other_path)
    theirs: dict[Hashable, repo.MarkableText] = {}
    for source in other_sources:
        theirs.setdefault(_key(source), source)
    texts, skipped, own_ids, other_ids, seen = [], [], {}, {}, set()
    for source in own_sources:
        key = _key(source)
        match = theirs.get(key)
        if key in seen:
            skipped.append(f"{_label(source)}: the same original is stored twice in {first_name}; compared once")
        elif match is None:
            skipped.append(f"{_label(source)}: not in {second_name}")
        elif match.text_sha256 != source.text_sha256:
            skipped.append(f"{_label(source)}: its text differs in {second_name} (read by another Claimdesk version?)")
        else:
            texts.append(_text(key, source))
            own_ids[source.id], other_ids[match.id] = key, key
        seen.add(key)
    mine = {_key(source) for source in own_sources}
    skipped += [f"{_label(source)}: not in {first_name}" for source in other_sources if _key(source) not in mine]
    return compare(texts, [_mark(c, own_ids[c.document_id]) for c in own_claims if c.document_id in own_ids],
                   [_mark(c, other_ids[c.document_id]) for c in other_claims if c.document_id in other_ids],
                   first_name=first_name, second_name=second_name, kinds=[kind] if kind else None,
                   skipped=skipped)


def nothing_compared(report: AgreementReport) -> str | None:
    """One line saying why the report compares nothing (no text both analysts marked, or
    no text both files hold), or None when it compares at least one text."""
    if report.texts:
        return None
    why = f" ({len(report.skipped)} not compared, e.g. {report.skipped[0]})" if report.skipped else ""
    return f"{report.first} and {report.second} have no document in common to compare{why}"


def report_as_dict(report: AgreementReport) -> dict[str, Any]:
    """The report as JSON-ready data: fractions as floats (None where undefined), positions
    of disagreeing claims counted in the text of the original their ``sha256`` names."""
    texts = {text.key: text for text in report.texts}
    return {
        "first": report.first, "second": report.second, "method": METHOD,
        "texts": len(report.texts), "characters": sum(text.length for text in report.texts),
        "kinds": [{
            "kind": k.kind, "span_alpha": _number(k.span_alpha), "observed": _number(k.observed),
            "characters": k.characters, "first_characters": k.first_characters,
            "second_characters": k.second_characters, "both_characters": k.both_characters,
            "first_claims": k.first_claims, "second_claims": k.second_claims, "matched": k.matched,
            "same_span": k.same_span, "same_values": k.same_values, "value_agreement": _number(k.value_agreement),
            "fields": {name: {"agree": agree, "compared": compared}
                       for name, (agree, compared) in k.field_agreement.items()}}
            for k in report.kinds],
        "disagreements": [_disagreement(d, texts[d.key]) for d in report.disagreements],
        "skipped": list(report.skipped),
    }


def _disagreement(d: Disagreement, text: Text) -> dict[str, Any]:
    def side(mark: Mark | None) -> dict[str, Any] | None:
        if mark is None:
            return None
        return {"claim_id": mark.claim_id, "kind": mark.kind, "start": mark.start + text.offset,
                "end": mark.end + text.offset, "quote": mark.quote, "fields": dict(mark.fields),
                "status": mark.status}

    return {"about": list(d.about), "kind": d.kind, "title": text.title, "sha256": text.sha256,
            "fields": list(d.fields), "first": side(d.first), "second": side(d.second)}


def _number(value: Fraction | None) -> float | None:
    return None if value is None else round(float(value), 6)


def _check_kind(project: Project, kind: str | None) -> None:
    if kind is None:
        return
    kinds = repo.kind_names(project.db)
    if kind not in kinds:
        raise AgreementError(f"no claim kind named {kind!r}; kinds: {', '.join(kinds)}")


def _key(source: repo.MarkableText) -> tuple[str, int]:
    return source.original_sha256, source.ordinal


def _label(source: repo.MarkableText) -> str:
    return f"«{source.title}»"


def _text(key: Hashable, source: repo.MarkableText) -> Text:
    return Text(key, source.title, source.length, sha256=source.original_sha256, offset=source.article_offset)


def _mark(claim: repo.AuthoredClaim, key: Hashable) -> Mark:
    return Mark(claim.id, key, claim.kind, claim.start, claim.end, claim.fields, claim.quote, claim.status)


@contextmanager
def open_for_reading(path: str | Path) -> Iterator[Project]:
    """The project at ``path`` opened to be read: as it is when this Claimdesk's schema
    holds it, else (an older file) from an upgraded private copy thrown away after, so
    that agreement, which only reads, never upgrades a file in place nor leaves a backup."""
    path = Path(path)
    if inspect_project_file(path) >= schema_version():  # not a project, damaged or newer: refused
        with open_project(path) as project:
            yield project
    else:
        with _private_copy(path) as project:
            yield project


@contextmanager
def _reading_copy(project: Project, path: Path) -> Iterator[Project]:
    """The other analyst's project, opened from a private copy that is thrown away after."""
    if path.exists() and path.resolve() == project.path.resolve():
        raise AgreementError(f"{path}: that is the open project; compare it with another analyst's file")
    inspect_project_file(path)  # not a project, damaged or newer: refused with the reason
    with _private_copy(path) as other:
        yield other


@contextmanager
def _private_copy(path: Path) -> Iterator[Project]:
    """The project at ``path`` read from a copy in a private folder (migrated there when an
    older Claimdesk wrote it); its ``path`` names the analyst's file, not the copy."""
    folder = Path(tempfile.mkdtemp(prefix="claimdesk-agreement-"))
    try:
        copy = folder / path.name
        try:
            copy_readable(path, copy)  # read as inspection reads: nothing left beside their file
        except Exception as exc:  # sqlite3 errors stay inside the store's vocabulary
            raise ProjectError(f"{path}: could not be read ({exc})") from None
        try:
            other = open_project(copy)
        except ProjectError as exc:  # name the analyst's file, not the private copy
            raise ProjectError(str(exc).replace(str(copy), str(path))) from None
        other.path = path
        with other:
            yield other
    finally:
        shutil.rmtree(folder, ignore_errors=True)
