"""The rules for merging two analysts' projects, as plain data: which claims are the same
claim, what one claim says that the other does not (filled in) and where the two say
different things (a disagreement, kept with both values and both authors).

Two claims are the same claim when they are in the same document (same original, same
article), of the same kind, and their spans overlap by at least ``threshold`` of their
union (0.5 by default). Claims are paired one to one, best overlap first, so a claim
never absorbs two of the other side's claims. Between a pair, a value only one side has
(an empty field, a blank note, the default status) is filled in from the other; two
different values are a disagreement: the kept claim keeps its value, the other is stored
beside it for an analyst to resolve; so is a claim one side deleted and the other kept
(``CLAIM``) and two different confirmed measures (``MEASURE``). Nothing here depends on which side is which beyond
"kept" and "other", so merging A into B and B into A pair the same claims and find the
same disagreements.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from claimdesk.core.claims import DeleteClaim, EditClaim, RestoreClaim
from claimdesk.core.review import same_person
from claimdesk.core.subjects_model import LinkClaimMeasure
from claimdesk.core.statuses import NOT_YET_RATED, UNVERIFIED, VERIFIED

DEFAULT_THRESHOLD = 0.5
# a claim's attributes (other than its field values) that two analysts can disagree on,
# each with the value that means "not said yet", which the other side's value fills
DEFAULTS = {"status": UNVERIFIED, "promise_status": NOT_YET_RATED, "statement": "", "note": ""}
SPAN = "span"
FIELD_PREFIX = "fields."
# a claim one side deleted and the other kept: the deleted side's value is DELETED, the
# other's the claim's values (see deletion_value); both sides' values as stored JSON
CLAIM = "claim"
DELETED = {"deleted": True}
# both sides confirmed a link of the claim to a measure, and not the same measure: the
# values are INTO's measure ids
MEASURE = "measure"
# the claim values a deletion disagreement keeps of the side that kept the claim: what
# taking it restores (positions in INTO's document text)
KEPT_CLAIM_VALUES = ("start", "end", "quote", "fields", "status", "promise_status", "statement", "note")
# a document across projects: (original SHA-256, "document" or "article", place on the page)
DocumentKey = tuple[str, str, int]


class MergeError(ValueError):
    """A merge that cannot run; the message names the file and the problem."""


@dataclass(frozen=True)
class MergeClaim:
    """One side's claim as the merge compares it; ``document`` is the document's key."""

    id: int
    document: DocumentKey
    kind: str
    start: int
    end: int
    quote: str
    fields: dict[str, Any]
    status: str
    promise_status: str
    statement: str
    note: str
    author: str
    setters: dict[str, str] = field(default_factory=dict)  # attribute -> who set its current value

    def setter(self, attribute: str) -> str:
        return self.setters.get(attribute) or self.author


@dataclass(frozen=True)
class Disagreement:
    attribute: str  # "span", "status", "note", ... or "fields.<name>"
    kept_value: object
    kept_author: str
    other_value: object
    other_author: str

    def key(self) -> tuple[str, str, str]:
        """What makes it the same disagreement in the store (values as stored JSON)."""
        return self.attribute, as_json(self.kept_value), as_json(self.other_value)


@dataclass
class Comparison:
    """What the other claim adds to the kept one: ``changes`` (claim columns to set;
    ``fields`` whole), the attributes filled in, and the disagreements."""

    changes: dict[str, Any] = field(default_factory=dict)
    filled: list[str] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


def as_json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def document_key(original_sha256: str, parent_id: int | None, ordinal: int) -> DocumentKey:
    """A document's identity across projects: its original's SHA-256 and, for an article
    cut from a digest page, its place on the page (articles share the page's original)."""
    return (original_sha256, "article", ordinal) if parent_id is not None else (original_sha256, "document", 0)


def other_version(held: set[str], candidates: dict[int, set[str]]) -> int | None:
    """The document (lowest id) among ``candidates`` (id -> the originals it has held: its
    current one and those its new versions replaced) that has held one of ``held``: the
    same document in another version, or None."""
    return min((document for document, shas in candidates.items() if shas & held), default=None)


def span_overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> float:
    """Overlap over union of two spans (1.0: the same span, 0.0: apart)."""
    overlap = min(a_end, b_end) - max(a_start, b_start)
    if overlap <= 0:
        return 0.0
    return overlap / (max(a_end, b_end) - min(a_start, b_start))


def match_claims(kept: list[MergeClaim], other: list[MergeClaim],
                 threshold: float = DEFAULT_THRESHOLD) -> list[tuple[MergeClaim, MergeClaim]]:
    """Pairs (kept, other) of the same claim, one to one, best overlap first. Ties are broken
    by the two spans, then by how far the two claims' values differ (two claims on one span,
    as the detector often makes on one sentence, pair with the one saying the same), ids
    only last: either merge order pairs the same claims."""
    if not 0 < threshold <= 1:
        raise MergeError(f"the overlap threshold must be above 0 and at most 1, not {threshold}")
    by_place: dict[tuple[DocumentKey, str], list[MergeClaim]] = defaultdict(list)
    for claim in kept:
        by_place[(claim.document, claim.kind)].append(claim)
    candidates = []
    for theirs in other:
        for ours in by_place.get((theirs.document, theirs.kind), ()):
            if ours.start >= theirs.end or theirs.start >= ours.end:
                continue
            ratio = span_overlap(ours.start, ours.end, theirs.start, theirs.end)
            if ratio >= threshold:
                spans = sorted([(ours.start, ours.end), (theirs.start, theirs.end)])
                candidates.append((-ratio, spans, value_difference(ours, theirs), ours, theirs))
    candidates.sort(key=lambda c: (c[0], c[1], c[2], c[3].id, c[4].id))
    taken_kept, taken_other, pairs = set(), set(), []
    for _ratio, _spans, _difference, ours, theirs in candidates:
        if ours.id in taken_kept or theirs.id in taken_other:
            continue
        taken_kept.add(ours.id)
        taken_other.add(theirs.id)
        pairs.append((ours, theirs))
    return pairs


def _empty(value: object) -> bool:
    return value is None or value == "" or value == [] or value == {}


def value_difference(a: MergeClaim, b: MergeClaim) -> tuple[int, int]:
    """How far two claims' values differ, the same either way round: (values both state
    differently, values only one states), over the fields and the other attributes."""
    stated_differently = only_one = 0
    pairs = [(a.fields.get(name), b.fields.get(name)) for name in set(a.fields) | set(b.fields)]
    pairs += [(None if getattr(a, name) == default else getattr(a, name),
               None if getattr(b, name) == default else getattr(b, name)) for name, default in DEFAULTS.items()]
    for first, second in pairs:
        if _empty(first) and _empty(second) or first == second:
            continue
        if _empty(first) or _empty(second):
            only_one += 1
        else:
            stated_differently += 1
    return stated_differently, only_one


def deletion_value(claim: dict[str, Any]) -> dict[str, Any]:
    """The kept side's value in a deletion disagreement: the claim's values (a row or a
    history snapshot) that taking it would restore."""
    return {name: claim[name] for name in KEPT_CLAIM_VALUES if name in claim}


def is_deleted(value: object) -> bool:
    return isinstance(value, dict) and value.get("deleted") is True


def compare_claims(kept: MergeClaim, other: MergeClaim, two_person_rule: bool = True) -> Comparison:
    """What merging ``other`` into ``kept`` (the same claim) fills in and where they disagree."""
    result = Comparison()
    if (kept.start, kept.end) != (other.start, other.end):
        result.disagreements.append(Disagreement(
            SPAN, {"start": kept.start, "end": kept.end, "quote": kept.quote}, kept.setter(SPAN),
            {"start": other.start, "end": other.end, "quote": other.quote}, other.setter(SPAN)))
    fields = dict(kept.fields)
    for name in sorted(set(kept.fields) | set(other.fields)):
        ours, theirs = kept.fields.get(name), other.fields.get(name)
        attribute = FIELD_PREFIX + name
        if _empty(theirs) or ours == theirs:
            continue
        if _empty(ours):
            fields[name] = theirs
            result.filled.append(attribute)
        else:
            result.disagreements.append(Disagreement(attribute, ours, kept.setter(attribute), theirs,
                                                     other.setter(attribute)))
    if fields != kept.fields:
        result.changes["fields"] = fields
    for attribute, default in DEFAULTS.items():
        ours, theirs = getattr(kept, attribute), getattr(other, attribute)
        if theirs == default or ours == theirs:
            continue
        # a claim is never left verified by its own author (the two-person rule): the other
        # side's verification by this claim's author is a disagreement, not a fill
        self_verified = (attribute == "status" and theirs == VERIFIED and two_person_rule
                         and same_person(other.setter(attribute), kept.author))
        if ours == default and not self_verified:
            result.changes[attribute] = theirs
            result.filled.append(attribute)
        else:
            result.disagreements.append(Disagreement(attribute, ours, kept.setter(attribute), theirs,
                                                     other.setter(attribute)))
    return result


Snapshot = dict[str, Any]  # a claim as its history records it (JSON)


def value_setters(history: list[tuple[str, Snapshot | None, Snapshot | None]]) -> dict[str, str]:
    """attribute -> the actor who last changed it, from a claim's history as (actor,
    before, after) snapshots in order; a create or restore sets every attribute it holds."""
    setters: dict[str, str] = {}
    for actor, before, after in history:
        if after is None:
            continue
        before = before or {}
        if (before.get("start"), before.get("end")) != (after.get("start"), after.get("end")):
            setters[SPAN] = actor
        for attribute in DEFAULTS:
            if before.get(attribute) != after.get(attribute):
                setters[attribute] = actor
        old_fields, new_fields = before.get("fields") or {}, after.get("fields") or {}
        for name in set(old_fields) | set(new_fields):
            if old_fields.get(name) != new_fields.get(name):
                setters[FIELD_PREFIX + name] = actor
    return setters


def merged_from(source: str, earlier: str | None) -> str:
    """How a merge marks an event it brings from ``source`` (the file's name) onto a claim
    this project holds: the name, or ``source/earlier`` when ``source`` had the event from
    a merge of its own."""
    return f"{source}/{earlier}" if earlier else source


def from_another_project(event: dict[str, Any]) -> bool:
    """Whether a history event is another analyst's, merged in beside this claim's own
    history: it changed their copy of the claim, not this one (a merge's own event, which
    did change this claim, names the project it took values from but is this project's)."""
    return bool(event.get("merged_from")) and event["action"] != "merge"


def status_timeline(history: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """The events that led to a claim's current status, newest first: this project's own
    events and, from a merge that took the status from another analyst's project, that
    project's own events before it (their review that set it). Another project's history
    merged in beside the claim's own, such as its "unverified" create or its reviews of
    its copy, does not change this claim's status."""
    timeline: str | None = None  # whose events are followed; None: this project's
    for event in reversed(history):
        origin = event.get("merged_from") or None
        if event["action"] == "merge":
            if timeline is None:
                yield event
                before, after = event.get("before") or {}, event.get("after") or {}
                if origin and "status" in after and before.get("status") != after.get("status"):
                    timeline = origin  # the status came from there: follow that project's events
        elif origin == timeline:
            yield event


def without_ids(snapshot: Snapshot | None) -> Snapshot | None:
    """A history snapshot with the ids that differ between projects left out (to tell
    whether two projects hold the same event)."""
    if snapshot is None:
        return None
    return {key: value for key, value in snapshot.items() if key not in ("id", "document_id")}


@dataclass
class MergeCounts:
    """What a merge adds, for the preview and the result."""

    new: int = 0  # claims only FROM has: added
    same: int = 0  # claims both have and agree on (values only one side had are filled in)
    disagreeing: int = 0  # claims both have with at least one value they state differently
    deleted: int = 0  # claims one side deleted and the other kept (each a disagreement; INTO's choice stands)
    # claims FROM deleted that INTO had not changed since (the history both hold): deleted here too
    removed: int = 0
    new_disagreements: int = 0  # disagreements not recorded by an earlier merge (values, measures, deletions)
    filled: int = 0  # claims both have given a value only FROM had (same or disagreeing)
    documents: int = 0  # documents only FROM has: added with their originals
    # documents the two hold in different versions (one side imported a new version): not
    # added again; FROM's claims are placed in INTO's version by their quotes
    versions: int = 0
    subjects: int = 0
    people: int = 0
    kinds: int = 0

    def line(self) -> str:
        """e.g. "2 new, 1 same, 2 disagreeing, 1 deleted on one side (3 new disagreements), 2 filled
        in, 1 new document, 1 document in another version":
        "filled in" counts the claims both hold (same or disagreeing) that get a value, such
        as a status, only FROM had."""
        extra = [_count(n, what) for n, what in ((self.documents, "new document"), (self.kinds, "new kind"),
                                                 (self.subjects, "new subject"), (self.people, "new person")) if n]
        if self.versions:
            plural = "" if self.versions == 1 else "s"
            extra.insert(1 if self.documents else 0, f"{self.versions} document{plural} in another version")
        disagreeing = f"{self.disagreeing} disagreeing"
        if self.deleted:
            disagreeing += f", {self.deleted} deleted on one side"
        if self.disagreeing or self.deleted:
            disagreeing += f" ({_count(self.new_disagreements, 'new disagreement')})"
        filled = [f"{self.filled} filled in"] if self.filled else []
        if self.removed:
            filled.insert(0, f"{self.removed} deleted as the other analyst did")
        return ", ".join([f"{self.new} new", f"{self.same} same", disagreeing] + filled + extra)


def _count(number: int, what: str) -> str:
    plural = what.replace("person", "people") if what.endswith("person") else what + "s"
    return f"{number} {what if number == 1 else plural}"

RESOLUTIONS = {"kept": "keep this project's value", "other": "take the other analyst's value",
               "both": "keep both as they are"}


@dataclass(frozen=True)
class ResolveDisagreement:
    """Settles a stored disagreement: ``choice`` is "kept" (the claim's value stays), "other"
    (the claim takes the other analyst's value) or "both" (nothing changes; the two values
    stay on record as a known difference)."""

    disagreement_id: int
    choice: str


@dataclass(frozen=True)
class ReopenDisagreement:
    """The inverse of a resolution: the command that puts the claim back as it was (None
    when the resolution changed nothing): an edit, a claim deleted or restored again (a
    deletion disagreement), the measure link (a measure disagreement); and the disagreement
    open again. Taking the other analyst's deletion deleted the claim and its other
    disagreements: the RestoreClaim brings them back with it."""

    disagreement_id: int
    restore: EditClaim | DeleteClaim | RestoreClaim | LinkClaimMeasure | None = None


def resolution_changes(attribute: str, value: Any, fields: dict[str, Any]) -> dict[str, Any]:
    """The claim changes (an EditClaim's ``changes``) that give ``attribute`` this value."""
    if attribute == SPAN:
        return {"start": value["start"], "end": value["end"]}
    if attribute.startswith(FIELD_PREFIX):
        return {"fields": {**fields, attribute[len(FIELD_PREFIX):]: value}}
    return {attribute: value}
