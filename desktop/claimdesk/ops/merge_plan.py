"""The plan of a project merge and its application (``ops.project_merge`` runs both inside
one transaction; ``preview`` makes the plan alone).

The plan holds FROM's rows to add, by FROM's ids, and the pairings with INTO's rows found
so far (``*_map``: FROM id -> INTO id); applying it inserts the new rows and extends the
maps, so every row that refers to another (a claim to its document, an evidence item to a
claim) is written with INTO's ids. Every decision that depends on INTO (is this link new?
is this event already in the claim's history?) is taken while planning, so an empty plan
means the merge would change nothing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from claimdesk.core.anchoring import ORPHANED, reanchor
from claimdesk.core.claims import quote_selector
from claimdesk.core.names import name_key
from claimdesk.core.merge_deletions import deleted_claims, event_key, pair_deletions
from claimdesk.core.project_merge import (CLAIM, MEASURE, Comparison, Disagreement, DocumentKey, MergeClaim,
                                          MergeCounts, as_json, compare_claims, document_key, from_another_project,
                                          match_claims, merged_from, other_version, value_setters)
from claimdesk.store import project_merge as store
from claimdesk.store import review as review_repo
from claimdesk.store.project_merge import RowDict
from claimdesk.store.events import now_iso


# an alias to add: (FROM subject id, None, alias, key) under a subject the merge adds, or
# (None, INTO subject id, alias, key) under a subject INTO has
NewAlias = tuple[int, None, str, str] | tuple[None, int, str, str]


@dataclass
class MergePlan:
    threshold: float
    counts: MergeCounts = field(default_factory=MergeCounts)
    unplaced: list[str] = field(default_factory=list)
    document_map: dict[int, int] = field(default_factory=dict)  # FROM id -> INTO id, as every *_map
    new_documents: list[int] = field(default_factory=list)
    new_originals: list[str] = field(default_factory=list)
    new_kinds: list[RowDict] = field(default_factory=list)
    kind_fields: dict[str, str] = field(default_factory=dict)  # kind name -> fields JSON with FROM's fields added
    statuses: list[str] | None = None
    subject_map: dict[int, int] = field(default_factory=dict)
    new_subjects: list[RowDict] = field(default_factory=list)
    new_subject_aliases: list[NewAlias] = field(default_factory=list)
    measure_map: dict[int, int] = field(default_factory=dict)
    new_measures: list[RowDict] = field(default_factory=list)
    person_map: dict[int, int] = field(default_factory=dict)
    new_people: list[RowDict] = field(default_factory=list)
    claim_map: dict[int, int] = field(default_factory=dict)
    new_claims: list[RowDict] = field(default_factory=list)
    pairs: list[tuple[int, int, Comparison]] = field(default_factory=list)  # (INTO id, FROM id, comparison)
    new_disagreements: list[tuple[int, Disagreement]] = field(default_factory=list)  # (INTO claim id, Disagreement)
    # INTO's claims FROM deleted and INTO had not changed since: (INTO claim id, FROM's delete event)
    deletions: list[tuple[int, RowDict]] = field(default_factory=list)
    # both confirmed different measures: (INTO claim id, INTO measure id, FROM measure id, kept author, other author);
    # stored when applied, once a measure only FROM has has its id here
    measure_disagreements: list[tuple[int, int, int, str, str]] = field(default_factory=list)
    events: list[tuple[int, RowDict]] = field(default_factory=list)  # (FROM claim id, history row)
    # FROM claims paired with one of INTO's: their history is another project's, marked so
    paired_from: set[int] = field(default_factory=set)
    # table -> FROM rows to copy (ids mapped when applied)
    copied: dict[str, list[RowDict]] = field(default_factory=dict)
    # (table, key column, key, values)
    upgrades: list[tuple[str, str, object, dict[str, object]]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        lists = (self.new_documents, self.new_kinds, self.new_subjects, self.new_subject_aliases, self.new_measures,
                 self.new_people, self.new_claims, self.new_disagreements, self.measure_disagreements, self.events,
                 self.upgrades, self.deletions)
        return (not any(lists) and not self.kind_fields and self.statuses is None
                and not any(self.copied.values()) and not any(c.changes for _o, _t, c in self.pairs))


def make_plan(ours: Database, theirs: Database, threshold: float, two_person_rule: bool) -> MergePlan:
    """What merging ``theirs`` (FROM's database) into ``ours`` adds; reads, never writes."""
    plan = MergePlan(threshold)
    our_keys, their_keys, texts_differ = _plan_documents(ours, theirs, plan)
    _plan_kinds_and_statuses(ours, theirs, plan)
    _plan_subjects(ours, theirs, plan)
    _plan_people(ours, theirs, plan)
    _plan_claims(ours, theirs, plan, our_keys, their_keys, texts_differ, two_person_rule)
    _plan_links(ours, theirs, plan)
    return plan


def _plan_documents(ours: Database, theirs: Database,
                    plan: MergePlan) -> tuple[dict[int, DocumentKey], dict[int, DocumentKey], dict[int, int]]:
    our_rows, their_rows = store.documents(ours), store.documents(theirs)
    our_keys = {row["id"]: document_key(row["original_sha256"], row["parent_id"], row["ordinal"]) for row in our_rows}
    their_keys = {row["id"]: document_key(row["original_sha256"], row["parent_id"], row["ordinal"])
                  for row in their_rows}
    by_key: dict[DocumentKey, RowDict] = {}
    for row in our_rows:
        by_key.setdefault(our_keys[row["id"]], row)
    originals = store.original_shas(ours)
    our_held, their_held = _originals_held(ours, our_rows), _originals_held(theirs, their_rows)
    our_by_id = {row["id"]: row for row in our_rows}
    added: dict[DocumentKey, int] = {}
    texts_differ: dict[int, int] = {}  # FROM document -> INTO's, where the two texts differ
    for row in their_rows:
        key, our_row = their_keys[row["id"]], by_key.get(their_keys[row["id"]])
        if our_row is None and row["id"] in their_held:
            # one side imported a new version of the document: the same document, never a
            # second copy of it (that would bring back the version INTO's analyst replaced)
            version = other_version(their_held[row["id"]], our_held)
            if version is not None:
                our_row = our_by_id[version]
                their_keys[row["id"]] = our_keys[version]  # FROM's claims pair with INTO's there
                plan.counts.versions += 1
        if our_row is not None:
            plan.document_map[row["id"]] = our_row["id"]
            if our_row["text_sha256"] != row["text_sha256"]:
                texts_differ[row["id"]] = our_row["id"]  # decoded differently: claims are placed by their quotes
        elif key in added:  # FROM holds one file twice (an older Claimdesk's race): one document here
            plan.document_map[row["id"]] = added[key]
        else:
            added[key] = row["id"]
            plan.new_documents.append(row["id"])
            if row["original_sha256"] not in originals:
                originals.add(row["original_sha256"])
                plan.new_originals.append(row["original_sha256"])
    plan.counts.documents = sum(1 for d in plan.new_documents if their_keys[d][1] == "document")
    return our_keys, their_keys, texts_differ


def _originals_held(db: Database, rows: list[RowDict]) -> dict[int, set[str]]:
    """Each plain top-level document's originals: its current one and those its new
    versions replaced (only such a document gets new versions)."""
    replaced = store.replaced_originals(db)
    return {row["id"]: {row["original_sha256"]} | replaced.get(row["id"], set())
            for row in rows if row["parent_id"] is None and not row["is_container"]}


def _plan_kinds_and_statuses(ours: Database, theirs: Database, plan: MergePlan) -> None:
    our_kinds, their_kinds = store.kinds(ours), store.kinds(theirs)
    shortcuts = {row["shortcut"] for row in our_kinds.values() if row["shortcut"]}
    position = max((row["position"] for row in our_kinds.values()), default=-1)
    for name, row in their_kinds.items():
        if name not in our_kinds:
            position += 1
            plan.new_kinds.append({**{k: v for k, v in row.items() if k != "id"}, "position": position,
                                   "shortcut": row["shortcut"] if row["shortcut"] not in shortcuts else None})
            shortcuts.add(row["shortcut"])
            continue
        our_fields = json.loads(our_kinds[name]["fields"])
        known = {f["name"] for f in our_fields}
        extra = [f for f in json.loads(row["fields"]) if f["name"] not in known]
        if extra:
            plan.kind_fields[name] = json.dumps(our_fields + extra, ensure_ascii=False)
    plan.counts.kinds = len(plan.new_kinds)
    our_statuses, their_statuses = review_repo.statuses(ours), review_repo.statuses(theirs)
    extra = [status for status in their_statuses if status not in our_statuses]
    if extra:
        plan.statuses = our_statuses + extra


def _plan_subjects(ours: Database, theirs: Database, plan: MergePlan) -> None:
    keys: dict[str, int] = {}
    subject_keys: dict[int, set[str]] = {}
    for row in store.rows(ours, "subjects"):
        keys.setdefault(row["key"], row["id"])
        subject_keys.setdefault(row["id"], set()).add(row["key"])
    for row in store.rows(ours, "subject_aliases"):
        keys.setdefault(row["key"], row["subject_id"])
        subject_keys.setdefault(row["subject_id"], set()).add(row["key"])
    their_aliases: dict[int, list[RowDict]] = {}
    for row in store.rows(theirs, "subject_aliases"):
        their_aliases.setdefault(row["subject_id"], []).append(row)
    for row in store.rows(theirs, "subjects"):
        names = [(row["name"], row["key"])] + [(a["alias"], a["key"]) for a in their_aliases.get(row["id"], [])]
        match = next((keys[key] for _name, key in names if key in keys), None)
        if match is None:
            plan.new_subjects.append(row)
            plan.new_subject_aliases += [(row["id"], None, alias["alias"], alias["key"])
                                         for alias in their_aliases.get(row["id"], [])]
            plan.counts.subjects += 1
            continue
        plan.subject_map[row["id"]] = match
        for name, key in names:  # aliases united: FROM's names for the subject become INTO's aliases
            if key not in subject_keys[match]:
                subject_keys[match].add(key)
                plan.new_subject_aliases.append((None, match, name, key))
    our_measures = {(row["subject_id"], row["key"]): row["id"] for row in store.rows(ours, "measures")}
    for row in store.rows(theirs, "measures"):
        subject = plan.subject_map.get(row["subject_id"])
        match = our_measures.get((subject, row["key"])) if subject is not None else None
        if match is None:
            plan.new_measures.append(row)
        else:
            plan.measure_map[row["id"]] = match


def _person_keys(rows: list[RowDict], aliases: list[RowDict]) -> dict[int, list[str]]:
    keys = {row["id"]: [name_key(row["name"])] for row in rows}
    for alias in aliases:
        if " " in alias["name"].strip() and alias["person_id"] in keys:
            keys[alias["person_id"]].append(name_key(alias["name"]))
    return keys


def _plan_people(ours: Database, theirs: Database, plan: MergePlan) -> None:
    our_aliases, their_aliases = store.rows(ours, "person_aliases"), store.rows(theirs, "person_aliases")
    by_key: dict[str, int] = {}
    for person_id, keys in _person_keys(store.rows(ours, "people"), our_aliases).items():
        for key in keys:
            by_key.setdefault(key, person_id)
    their_people = store.rows(theirs, "people")
    for person_id, keys in _person_keys(their_people, their_aliases).items():
        match = next((by_key[key] for key in keys if key and key in by_key), None)
        if match is None:
            plan.new_people.append(next(row for row in their_people if row["id"] == person_id))
        else:
            plan.person_map[person_id] = match
    plan.counts.people = len(plan.new_people)
    known = {(a["person_id"], a["name"], a["document_id"], a["start"]) for a in our_aliases}
    plan.copied["person_aliases"] = [
        alias for alias in their_aliases
        if (plan.person_map.get(alias["person_id"]), alias["name"], plan.document_map.get(alias["document_id"]),
            alias["start"]) not in known]


def _merge_claim(row: RowDict, document: DocumentKey, history: list[RowDict]) -> MergeClaim:
    # another analyst's history merged in beside the claim's own set their copy's values, not this one's
    setters = value_setters([(e["actor"], _loads(e["before"]), _loads(e["after"])) for e in history
                             if e["action"] != "merge" and not from_another_project(e)])
    return MergeClaim(row["id"], document, row["kind"], row["start"], row["end"], row["quote"],
                      json.loads(row["fields"]), row["status"], row["promise_status"], row["statement"], row["note"],
                      row["author"], setters)


def _loads(text: str | None) -> Any:
    return json.loads(text) if text else None


def _plan_claims(ours: Database, theirs: Database, plan: MergePlan, our_keys: dict[int, DocumentKey],
                 their_keys: dict[int, DocumentKey], texts_differ: dict[int, int], two_person_rule: bool) -> None:
    our_rows, their_rows = store.claims(ours), store.claims(theirs)
    our_history, their_history = store.claim_events(ours), store.claim_events(theirs)
    placed: list[RowDict] = []
    our_texts: dict[int, str] = {}
    their_lengths: dict[int, int] = {}
    for row in their_rows:
        if row["document_id"] in texts_differ:
            moved = _placed(ours, theirs, row, texts_differ[row["document_id"]], our_texts, their_lengths)
            if moved is None:
                plan.unplaced.append(f"claim #{row['id']} ({row['quote'][:60]!r})")
                continue
            row = moved
        placed.append(row)
    kept = [_merge_claim(row, our_keys[row["document_id"]], our_history.get(row["id"], [])) for row in our_rows]
    other = [_merge_claim(row, their_keys[row["document_id"]], their_history.get(row["id"], [])) for row in placed]
    pairs = match_claims(kept, other, plan.threshold)
    stored = store.disagreement_keys(ours)
    paired = set()
    for ours_claim, their_claim in pairs:
        paired.add(their_claim.id)
        plan.paired_from.add(their_claim.id)
        plan.claim_map[their_claim.id] = ours_claim.id
        comparison = compare_claims(ours_claim, their_claim, two_person_rule)
        plan.pairs.append((ours_claim.id, their_claim.id, comparison))
        if comparison.changes:
            plan.counts.filled += 1
        if comparison.disagreements:
            plan.counts.disagreeing += 1
        else:
            plan.counts.same += 1
        for item in comparison.disagreements:
            attribute, kept_value, other_value = item.key()
            if ((ours_claim.id, attribute, kept_value, other_value) not in stored
                    and (ours_claim.id, attribute, other_value, kept_value) not in stored):
                plan.new_disagreements.append((ours_claim.id, item))
        known = {event_key(e) for e in our_history.get(ours_claim.id, [])}
        plan.events += [(their_claim.id, e) for e in their_history.get(their_claim.id, [])
                        if e["action"] != "merge" and event_key(e) not in known]
    taken = set(plan.claim_map.values())

    def place(snapshot: RowDict) -> RowDict | None:
        if snapshot["document_id"] not in texts_differ:
            return snapshot
        return _placed(ours, theirs, snapshot, texts_differ[snapshot["document_id"]], our_texts, their_lengths)

    deletions = pair_deletions(
        plan.threshold, deleted_claims(our_history, {row["id"] for row in our_rows}, our_keys, lambda row: row),
        deleted_claims(their_history, {row["id"] for row in their_rows}, their_keys, place),
        [claim for claim in kept if claim.id not in taken], [claim for claim in other if claim.id not in paired],
        our_history, their_history, store.claims_with_attached_work(ours), store.claims_with_attached_work(theirs))
    settled = {(claim_id, attribute) for claim_id, attribute, _kept, _other in stored}  # one per claim
    plan.new_disagreements += [(claim_id, item) for claim_id, item in deletions.disagreements
                               if (claim_id, CLAIM) not in settled]
    plan.counts.deleted = len(deletions.disagreements)
    plan.deletions = deletions.to_delete
    plan.counts.removed = len(deletions.to_delete)
    paired |= deletions.not_added
    plan.counts.new_disagreements = len(plan.new_disagreements)
    for row in placed:
        if row["id"] not in paired:
            plan.new_claims.append(row)
            plan.events += [(row["id"], e) for e in their_history.get(row["id"], [])]
    plan.counts.new = len(plan.new_claims)


def _placed(ours: Database, theirs: Database, row: RowDict, our_document: int, our_texts: dict[int, str],
            their_lengths: dict[int, int]) -> RowDict | None:
    """FROM's claim placed in INTO's text of its document (decoded differently there) by its
    quote and context, or None when that text no longer holds it. ``our_texts`` and
    ``their_lengths`` keep what was read for the document's earlier claims."""
    if our_document not in our_texts:
        our_texts[our_document] = store.document_row(ours, our_document)["text"]
    if row["document_id"] not in their_lengths:
        their_lengths[row["document_id"]] = len(store.document_row(theirs, row["document_id"])["text"])
    text, their_length = our_texts[our_document], their_lengths[row["document_id"]]
    anchor = reanchor(text, row["start"], row["end"], row["quote"], row["prefix"], row["suffix"], their_length)
    if anchor.state == ORPHANED or anchor.start is None or anchor.end is None:  # only an orphan has no span
        return None
    quote, prefix, suffix = quote_selector(text, anchor.start, anchor.end)
    return {**row, "start": anchor.start, "end": anchor.end, "quote": quote, "prefix": prefix, "suffix": suffix}


def _plan_links(ours: Database, theirs: Database, plan: MergePlan) -> None:
    """Evidence, subject/measure and person links, removals, relations and documents'
    subjects that FROM has for claims and documents INTO has or gets."""
    new_claims = {row["id"] for row in plan.new_claims}
    new_documents = set(plan.new_documents)

    def mapped(their_id: int) -> int | str | None:
        """INTO's claim id, "new" for a claim the merge adds, None for one it leaves out."""
        return plan.claim_map.get(their_id) or ("new" if their_id in new_claims else None)

    our_evidence = {(row["claim_id"], row["kind"], row["other_claim"], row["url"], row["retrieved"], row["note"],
                     row["author"], row["created_at"]) for row in store.rows(ours, "evidence")}
    plan.copied["evidence"] = [
        row for row in store.rows(theirs, "evidence") if mapped(row["claim_id"]) == "new" or (
            mapped(row["claim_id"]) is not None
            and (mapped(row["claim_id"]), row["kind"], mapped(row["other_claim"]) if row["other_claim"] else None,
                 row["url"], row["retrieved"], row["note"], row["author"], row["created_at"]) not in our_evidence)]
    our_links = {row["claim_id"]: row for row in store.rows(ours, "claim_measures")}
    stored = store.disagreement_keys(ours)
    agreeing = {our_id for our_id, _their_id, comparison in plan.pairs if not comparison.disagreements}
    agreeing = {our_id for our_id, _their_id, comparison in plan.pairs if not comparison.disagreements}
    our_removed = {row["claim_id"] for row in store.rows(ours, "claim_measure_removals")}
    plan.copied["claim_measures"] = []
    for row in store.rows(theirs, "claim_measures"):
        target = mapped(row["claim_id"])
        ours_row = our_links.get(target)
        if target == "new" or (target is not None and ours_row is None and target not in our_removed):
            plan.copied["claim_measures"].append(row)
        elif ours_row is not None and ours_row["state"] == "proposed" and row["state"] == "confirmed":
            plan.copied["claim_measures"].append(row)  # a confirmed link outweighs a proposal
        elif (ours_row is not None and ours_row["state"] == row["state"] == "confirmed"
              and plan.measure_map.get(row["measure_id"]) != ours_row["measure_id"]):
            _plan_measure_disagreement(plan, stored, ours_row, row)
            if target in agreeing:  # the measure is all the pair differs on: disagreeing, not the same
                agreeing.discard(target)
                plan.counts.same -= 1
                plan.counts.disagreeing += 1
    plan.copied["claim_measure_removals"] = [row for row in store.rows(theirs, "claim_measure_removals")
                                             if mapped(row["claim_id"]) == "new"]
    our_people = {row["claim_id"] for row in store.rows(ours, "person_links")}
    plan.copied["person_links"] = [row for row in store.rows(theirs, "person_links")
                                   if mapped(row["claim_id"]) is not None and mapped(row["claim_id"]) not in our_people]
    our_relations = {(r["kind"], r["first_claim"], r["second_claim"]): r for r in store.rows(ours, "relations")}
    plan.copied["relations"] = []
    for row in store.rows(theirs, "relations"):
        first, second = mapped(row["first_claim"]), mapped(row["second_claim"])
        if first is None or second is None or first == second:
            continue
        existing = our_relations.get((row["kind"], first, second))
        if existing is None:
            plan.copied["relations"].append(row)
        elif existing["state"] == "proposed" and row["state"] != "proposed":
            plan.upgrades.append(("relations", "id", existing["id"], {
                "state": row["state"], "decided_by": row["decided_by"], "decided_at": row["decided_at"]}))
    our_subjects = {row["document_id"]: row for row in store.rows(ours, "document_subjects")}
    plan.copied["document_subjects"] = []
    for row in store.rows(theirs, "document_subjects"):
        target = plan.document_map.get(row["document_id"])
        existing = our_subjects.get(target)
        if row["document_id"] in new_documents or (target is not None and existing is None) or (
                existing is not None and existing["state"] == "proposed" and row["state"] == "confirmed"):
            plan.copied["document_subjects"].append(row)


def _plan_measure_disagreement(plan: MergePlan, stored: set[tuple[int, str, str, str]], ours: RowDict,
                               theirs: RowDict) -> None:
    """Both confirmed a link of one claim to different measures: INTO's link stays, the pair
    is a disagreement (stored when applied: a measure only FROM has gets its id then)."""
    claim_id, mapped = ours["claim_id"], plan.measure_map.get(theirs["measure_id"])
    kept, other = as_json(ours["measure_id"]), as_json(mapped)
    if mapped is not None and ({(claim_id, MEASURE, kept, other), (claim_id, MEASURE, other, kept)} & stored):
        return
    plan.measure_disagreements.append((claim_id, ours["measure_id"], theirs["measure_id"],
                                       ours["decided_by"] or "unnamed analyst",
                                       theirs["decided_by"] or "unnamed analyst"))
    plan.counts.new_disagreements += 1


def apply_plan(ours: Database, theirs: Database, plan: MergePlan, source_name: str, actor: str) -> None:
    """Writes the plan into ``ours``; call inside the merge's transaction."""
    now = now_iso()
    for sha in plan.new_originals:
        store.copy_original(theirs, ours, sha)
    for their_id in plan.new_documents:
        row = store.document_row(theirs, their_id)
        del row["id"]
        row["parent_id"] = plan.document_map[row["parent_id"]] if row["parent_id"] is not None else None
        plan.document_map[their_id] = store.insert_row(ours, "documents", row)
        for page in store.rows(theirs, "pages", "WHERE document_id = ?", [their_id]):
            store.insert_row(ours, "pages", {**page, "document_id": plan.document_map[their_id]})
    for row in plan.new_kinds:
        store.insert_row(ours, "kinds", row)
    for name, fields_json in plan.kind_fields.items():
        store.set_kind_fields(ours, name, fields_json)
    if plan.statuses is not None:
        review_repo.set_statuses(ours, plan.statuses)
    _apply_subjects_and_people(ours, plan)
    kind_ids = {name: row["id"] for name, row in store.kinds(ours).items()}
    for row in plan.new_claims:
        copy = {k: v for k, v in row.items() if k not in ("id", "kind")}
        copy.update(kind_id=kind_ids[row["kind"]], document_id=plan.document_map[row["document_id"]])
        plan.claim_map[row["id"]] = store.insert_row(ours, "claims", copy)
    for their_id, event in plan.events:
        event = _remapped(event, plan)
        if their_id in plan.paired_from:  # beside this claim's own history, not part of it
            event["merged_from"] = merged_from(source_name, event.get("merged_from"))
        store.append_claim_event(ours, plan.claim_map[their_id], event)
    for row in plan.new_claims:
        store.append_claim_event(ours, plan.claim_map[row["id"]], {
            "at": now, "actor": actor, "action": "merge", "before": None, "after": None,
            "note": f"added from {source_name} (claim #{row['id']} there, by {row['author']})",
            "merged_from": source_name})
    _apply_pairs(ours, plan, source_name, actor, now)
    _apply_links(ours, plan)
    _apply_deletions(ours, plan, source_name, actor, now)


def _apply_deletions(ours: Database, plan: MergePlan, source_name: str, actor: str, now: str) -> None:
    """Deletes INTO's claims FROM deleted (INTO had not changed them since): FROM's delete
    event joins the claim's own history, as the decision both now hold (so merging either
    way again finds it deleted on both sides), and the merge notes where it came from."""
    for our_id, event in plan.deletions:
        snapshot = _loads(event["before"])
        their_id = snapshot.get("id")
        snapshot.update(id=our_id, document_id=store.claim_document(ours, our_id))
        store.delete_claim(ours, our_id)
        store.append_claim_event(ours, our_id, {**event, "before": as_json(snapshot), "merged_from": None})
        store.append_claim_event(ours, our_id, {
            "at": now, "actor": actor, "action": "merge", "before": None, "after": None,
            "note": f"deleted as in {source_name} (claim #{their_id} there, deleted by {event['actor']})",
            "merged_from": source_name})


def _apply_subjects_and_people(ours: Database, plan: MergePlan) -> None:
    for row in plan.new_subjects:
        plan.subject_map[row["id"]] = store.insert_row(ours, "subjects", {k: v for k, v in row.items() if k != "id"})
    for new_alias in plan.new_subject_aliases:
        subject = new_alias[1] if new_alias[1] is not None else plan.subject_map[new_alias[0]]
        store.insert_row(ours, "subject_aliases", {"subject_id": subject, "alias": new_alias[2], "key": new_alias[3]})
    for row in plan.new_measures:
        copy = {k: v for k, v in row.items() if k != "id"}
        copy["subject_id"] = plan.subject_map[row["subject_id"]]
        plan.measure_map[row["id"]] = store.insert_row(ours, "measures", copy)
    for row in plan.new_people:
        plan.person_map[row["id"]] = store.insert_row(ours, "people", {k: v for k, v in row.items() if k != "id"})
    for row in plan.copied.pop("person_aliases", []):
        store.insert_row(ours, "person_aliases", {**row, "person_id": plan.person_map[row["person_id"]],
                                                  "document_id": plan.document_map[row["document_id"]]},
                         or_ignore=True)  # two of FROM's people may be one here


def _apply_pairs(ours: Database, plan: MergePlan, source_name: str, actor: str, now: str) -> None:
    our_rows = None
    for our_id, their_id, comparison in plan.pairs:
        if not comparison.changes:
            continue
        if our_rows is None:
            our_rows = {row["id"]: row for row in store.claims(ours)}
        before = _snapshot(our_rows[our_id])
        store.update_claim_columns(ours, our_id, comparison.changes, now)
        after = {**before, **comparison.changes, "updated_at": now}
        store.append_claim_event(ours, our_id, {
            "at": now, "actor": actor, "action": "merge", "before": as_json(before), "after": as_json(after),
            "note": f"merged claim #{their_id} of {source_name}: filled {', '.join(comparison.filled)}",
            "merged_from": source_name})
    for our_id, item in plan.new_disagreements:
        store.insert_disagreement(ours, our_id, item, source_name, now)
    for our_id, kept, other, kept_author, other_author in plan.measure_disagreements:
        store.insert_disagreement(ours, our_id, Disagreement(MEASURE, kept, kept_author, plan.measure_map[other],
                                                             other_author), source_name, now)


def _apply_links(ours: Database, plan: MergePlan) -> None:
    claims, documents = plan.claim_map, plan.document_map
    for row in plan.copied.get("evidence", []):
        store.insert_row(ours, "evidence", {**{k: v for k, v in row.items() if k != "id"},
                                            "claim_id": claims[row["claim_id"]],
                                            "other_claim": claims.get(row["other_claim"])})
    for row in plan.copied.get("claim_measures", []):
        store.replace_row(ours, "claim_measures", {**row, "claim_id": claims[row["claim_id"]],
                                                   "measure_id": plan.measure_map[row["measure_id"]]})
    for row in plan.copied.get("claim_measure_removals", []):
        store.insert_row(ours, "claim_measure_removals", {**row, "claim_id": claims[row["claim_id"]]})
    for row in plan.copied.get("person_links", []):
        store.insert_row(ours, "person_links", {**row, "claim_id": claims[row["claim_id"]],
                                                "person_id": plan.person_map[row["person_id"]]})
    for row in plan.copied.get("relations", []):
        store.insert_row(ours, "relations", {**{k: v for k, v in row.items() if k != "id"},
                                             "first_claim": claims[row["first_claim"]],
                                             "second_claim": claims[row["second_claim"]]})
    for table, column, key, values in plan.upgrades:
        store.update_state(ours, table, column, key, values)
    for row in plan.copied.get("document_subjects", []):
        store.replace_row(ours, "document_subjects", {**row, "document_id": documents[row["document_id"]],
                                                      "subject_id": plan.subject_map[row["subject_id"]]})


_SNAPSHOT = ("id", "document_id", "kind", "start", "end", "quote", "prefix", "suffix", "page", "fields", "status",
             "origin", "confidence", "author", "created_at", "updated_at", "anchor_state", "note", "promise_status",
             "statement")


def _snapshot(row: RowDict) -> RowDict:
    """A claim row as ops.claims' history stores it."""
    return {key: (json.loads(row[key]) if key == "fields" else row[key]) for key in _SNAPSHOT}


def _remapped(event: RowDict, plan: MergePlan) -> RowDict:
    """FROM's history row with FROM's claim and document ids in its snapshots made INTO's."""
    result = dict(event)
    for side in ("before", "after"):
        snapshot = _loads(event[side])
        if snapshot is not None:
            snapshot["id"] = plan.claim_map.get(snapshot.get("id"), snapshot.get("id"))
            snapshot["document_id"] = plan.document_map.get(snapshot.get("document_id"), snapshot.get("document_id"))
            result[side] = as_json(snapshot)
    return result
