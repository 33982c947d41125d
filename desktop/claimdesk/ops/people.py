"""The officials registry: each official claim names a person; spelling variants of one
name (Sultangaziyev / Sultangaziev, "Ospan Yedil" / "Yedil Ospan", Kassym- / Kasym-Jomart,
Cyrillic / Latin) are proposed as the same person, and the analyst confirms or splits.

``sync`` links official claims that have no person yet: to the person whose name is the
same after transliteration-aware normalisation or close to it (similarity ≥ 0.88), as
"proposed"; otherwise to a new person. It also records other spellings of a person's
name found in the documents that mention them, as aliases, and the mentions there by surname
alone ("…," Ardan said) with their positions, so later mentions stay linked to the person (a
surname two people of one document share is left unlinked).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from claimdesk.core.names import name_key, similarity
from claimdesk.core.people import OfficialClaim
from claimdesk.store import documents as documents_repo
from claimdesk.store import events
from claimdesk.store import people as repo
from claimdesk.store.project import Project

SAME_PERSON = 0.88
_NAME = re.compile(r"\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]+\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w’'-]+\b")
_CYRILLIC_SURNAME = re.compile(r"(?:ов|ев|ёв|ин|ова|ева|ёва|ина|ына|ский|ская|ұлы|қызы)$")
_WORD = re.compile(r"[\w’'-]+")


@dataclass
class Mention:
    claim_id: int
    document_id: int
    document_title: str
    position: str
    as_of: str
    state: str  # proposed | confirmed


@dataclass
class Person:
    id: int
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    by_surname: list[tuple[int, int, int]] = field(default_factory=list)  # (document id, start, end)

    @property
    def positions(self) -> list[tuple[str, str]]:
        """(position, date) pairs in date order, each position with the first date it was seen."""
        seen: dict[str, str] = {}
        for mention in sorted(self.mentions, key=lambda m: m.as_of):
            if mention.position and mention.position not in seen:
                seen[mention.position] = mention.as_of
        return list(seen.items())


def sync(project: Project) -> int:
    """Links unlinked official claims and gathers aliases; returns how many claims it linked."""
    db = project.db
    linked = 0
    with db.atomic():
        known: list[tuple[int, str]] = []  # (person id, a name of theirs)
        for claim in repo.official_claims(db):
            if claim.person_id is not None:
                known.append((claim.person_id, claim.fields.get("name", "")))
        for claim in repo.official_claims(db):
            name = claim.fields.get("name", "").strip()
            if claim.person_id is not None or not name:
                continue
            match = max(known, key=lambda k: similarity(k[1], name), default=None)
            if match is not None and similarity(match[1], name) >= SAME_PERSON:
                repo.link(db, claim.claim_id, match[0], "proposed")
            else:
                new_id = repo.insert_person(db, name, events.now_iso())
                repo.link(db, claim.claim_id, new_id, "confirmed")
                match = (new_id, name)
            known.append((match[0], name))
            linked += 1
        _collect_aliases(project)
        repo.delete_unlinked_people(db)
        if linked:
            events.record_event(db, "people.sync", "", {"linked": linked})
    return linked


def _collect_aliases(project: Project) -> None:
    db = project.db
    claims = repo.official_claims(db)
    for claim in claims:
        name, person_id, document_id = claim.fields.get("name", ""), claim.person_id, claim.document_id
        if person_id is None or not name:
            continue
        text = documents_repo.document_text(db, document_id) or ""
        surname_keys = set(name_key(name).split())
        for match in _NAME.finditer(text):
            candidate = match.group(0)
            if candidate == name or not (set(name_key(candidate).split()) & surname_keys or
                                         similarity(candidate, name) >= SAME_PERSON):
                continue
            if similarity(candidate, name) >= SAME_PERSON:
                repo.add_alias(db, person_id, candidate, document_id, match.start(), match.end())
        if name != repo.person_name(db, person_id):
            repo.add_alias(db, person_id, name, document_id, -1, -1)  # the claim's own spelling
    _link_surname_mentions(project, claims)


def _surname_of(name: str) -> str:
    """The word of a name that a text repeats alone: the last one in Latin script; in
    Cyrillic, where either order is used, the word with a surname ending (else the last)."""
    words = name.split()
    if not words:
        return ""
    if any("\u0400" <= ch <= "\u04ff" for ch in name):
        return next((w for w in words if _CYRILLIC_SURNAME.search(w.lower())), words[-1])
    return words[-1]


def _link_surname_mentions(project: Project, claims: list[OfficialClaim]) -> None:
    """Each word of a document that is a linked person's surname alone (not beside the rest of
    the name), recorded with its position; a surname two people of the document share is skipped.
    ``claims``: the official claims as linked now."""
    db = project.db
    by_document: dict[int, dict[str, set[int]]] = {}
    full_names: dict[int, set[str]] = {}
    for claim in claims:
        surname = _surname_of(claim.fields.get("name", ""))
        if claim.person_id is not None and len(surname) >= 3:
            by_document.setdefault(claim.document_id, {}).setdefault(_stem(surname), set()).add(claim.person_id)
            full_names.setdefault(claim.document_id, set()).update(w.lower() for w in claim.fields["name"].split())
    for document_id, people in by_document.items():
        text = documents_repo.document_text(db, document_id) or ""
        words = list(_WORD.finditer(text))
        for index, word in enumerate(words):
            written = re.sub(r"[’']s?$", "", word.group(0))  # "Ardan’s"
            owners = people.get(_stem(written))
            if not owners or len(owners) != 1 or not written[:1].isupper():
                continue
            neighbours = [words[i].group(0).lower() for i in (index - 1, index + 1) if 0 <= i < len(words)]
            if any(n in full_names[document_id] for n in neighbours):
                continue  # part of the full name, already an alias or the claim itself
            repo.add_alias(db, next(iter(owners)), written, document_id, word.start(), word.start() + len(written))


def _stem(word: str) -> str:
    """A surname without its Russian case ending (Саткалиева, Саткалиеву -> саткалиев)."""
    word = word.lower()
    if any("\u0400" <= ch <= "\u04ff" for ch in word):
        return re.sub(r"(?<=(?:ов|ев|ёв|ин))(?:а|у|ым|е|ой|ою|ых)$", "", word)
    return word


def list_people(project: Project) -> list[Person]:
    db = project.db
    result = []
    for person_id, name in repo.people(db):
        person = Person(person_id, name, repo.aliases(db, person_id), by_surname=repo.surname_mentions(db, person_id))
        for claim in repo.mentions(db, person_id):
            person.mentions.append(Mention(claim.claim_id, claim.document_id, claim.document_title,
                                           claim.fields.get("position", ""),
                                           claim.fields.get("as_of") or (claim.published or "")[:10], claim.link_state))
        result.append(person)
    return result


def confirm(project: Project, claim_id: int) -> None:
    """The analyst agrees that this official claim names its proposed person."""
    link = _require_link(project, claim_id)
    with project.db.atomic():
        repo.link(project.db, claim_id, link[0], "confirmed")
        events.record_event(project.db, "people.confirm", str(claim_id), {"person": link[0]})


def split(project: Project, claim_id: int) -> int:
    """This official claim names someone else: it gets a person of its own (confirmed)."""
    _require_link(project, claim_id)
    fields = next(c.fields for c in repo.official_claims(project.db) if c.claim_id == claim_id)
    with project.db.atomic():
        person_id = repo.insert_person(project.db, fields.get("name", "?"), events.now_iso())
        repo.link(project.db, claim_id, person_id, "confirmed")
        repo.delete_unlinked_people(project.db)
        events.record_event(project.db, "people.split", str(claim_id), {"person": person_id})
    return person_id


def merge(project: Project, keep_id: int, other_id: int) -> None:
    """Two registry entries are one person: the second's claims and aliases move to the first."""
    if keep_id == other_id:
        return
    with project.db.atomic():
        repo.move_links(project.db, other_id, keep_id)
        repo.delete_unlinked_people(project.db)
        events.record_event(project.db, "people.merge", str(keep_id), {"merged": other_id})


def _require_link(project: Project, claim_id: int) -> tuple[int, str]:
    link = repo.link_of(project.db, claim_id)
    if link is None:
        raise LookupError(f"claim #{claim_id} is not linked to a person (is it an official claim?)")
    return link
