"""The officials registry: name variants proposed as one person, confirm, split, merge."""

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.core.suggestion_commands import AcceptSuggestion, Batch
from claimdesk.ops import claims as claim_ops
from claimdesk.ops import people as people_ops
from claimdesk.ops import suggestions as suggestion_ops
from claimdesk.ops.commands import run_command
from claimdesk.ops.importing import import_paths


def _official(project, document_id, name, position):
    text = project.db.execute("SELECT text FROM documents WHERE id = ?", [document_id]).fetchone()[0]
    start = text.index(name)
    return claim_ops.apply_command(project, CreateClaim(document_id, "official", start, start + len(name),
                                                  {"name": name, "position": position})).claim_id


def test_variants_are_proposed_as_one_person_and_can_be_split(project, tmp_path):
    for n, text in enumerate(["Minister of Energy Yedil Ospan spoke. Later Yedil Ospan left.",
                              "Ospan Yedil, Minister of Energy, opened a plant.",
                              "Deputy Akim Dana Kasymova and Akim Dana Kassymova met."]):
        (tmp_path / f"{n}.txt").write_text(text)
    import_paths(project, sorted(tmp_path.glob("*.txt")))
    first = _official(project, 1, "Yedil Ospan", "Minister of Energy")
    second = _official(project, 2, "Ospan Yedil", "Minister of Energy")
    third = _official(project, 3, "Dana Kasymova", "Deputy Akim")
    fourth = _official(project, 3, "Dana Kassymova", "Akim")
    assert people_ops.sync(project) == 4
    people = {p.name: p for p in people_ops.list_people(project)}
    assert set(people) == {"Yedil Ospan", "Dana Kasymova"}
    ospan = people["Yedil Ospan"]
    assert [(m.claim_id, m.state) for m in ospan.mentions] == [(first, "confirmed"), (second, "proposed")]
    assert "Ospan Yedil" in ospan.aliases
    assert [p for p, _ in people["Dana Kasymova"].positions] == ["Deputy Akim", "Akim"]

    people_ops.confirm(project, second)
    people_ops.split(project, fourth)
    people = {p.name: p for p in people_ops.list_people(project)}
    assert [m.state for m in people["Yedil Ospan"].mentions] == ["confirmed", "confirmed"]
    assert len(people_ops.list_people(project)) == 3
    assert people_ops.sync(project) == 0  # a split stays split
    kasymova = [p for p in people_ops.list_people(project) if p.name.startswith("Dana")]
    people_ops.merge(project, kasymova[0].id, kasymova[1].id)
    assert len([p for p in people_ops.list_people(project) if p.name.startswith("Dana")]) == 1
    assert third
    with pytest.raises(LookupError):
        people_ops.confirm(project, 999)


def test_the_seeds_registry_merges_sultangaziyev_and_sultangaziev(project, seeds_dir):
    import_paths(project, [seeds_dir])
    suggestion_ops.suggest_documents(project)
    officials = suggestion_ops.pending(project, kind="official")
    run_command(project, Batch(tuple(AcceptSuggestion(s.id) for s in officials)))
    people_ops.sync(project)
    people = people_ops.list_people(project)
    timur = [p for p in people if "Sultangazi" in p.name]
    assert len(timur) == 1 and "Timur Sultangaziev" in timur[0].aliases
    balayeva = [p for p in people if "Balayeva" in p.name]
    assert len(balayeva) == 1 and len(balayeva[0].mentions) >= 3
    assert len({p.name for p in people}) == len(people)


def test_later_mentions_by_surname_alone_stay_linked_to_the_person(project, tmp_path):
    (tmp_path / "a.txt").write_text("Marat Sadykov, the agency’s director, resigned. Sadykov’s deputy stayed. "
                                    "Later Sadykov said the audit was fair. Aigul Sadykova was not involved.")
    (tmp_path / "b.txt").write_text("Министр энергетики Ержан Бекетов открыл станцию. По словам Бекетова, "
                                    "газ придет в 2027 году.")
    import_paths(project, sorted(tmp_path.glob("*.txt")))
    _official(project, 1, "Marat Sadykov", "director")
    _official(project, 2, "Ержан Бекетов", "Министр энергетики")
    people_ops.sync(project)
    people = {p.name: p for p in people_ops.list_people(project)}
    text_a = project.db.execute("SELECT text FROM documents WHERE id = 1").fetchone()[0]
    text_b = project.db.execute("SELECT text FROM documents WHERE id = 2").fetchone()[0]
    sadykov = people["Marat Sadykov"]
    assert [text_a[s:e] for _, s, e in sadykov.by_surname] == ["Sadykov", "Sadykov"]
    assert [text_b[s:e] for _, s, e in people["Ержан Бекетов"].by_surname] == ["Бекетова"]
    assert sadykov.aliases == []  # a surname alone is a mention, not another spelling of the name


def test_a_surname_two_people_of_a_document_share_is_not_linked(project, tmp_path):
    (tmp_path / "a.txt").write_text("Akim Nurlan Baimukhanov met Minister of Energy Serik Baimukhanov. "
                                    "Baimukhanov said the plant would open.")
    import_paths(project, [tmp_path / "a.txt"])
    _official(project, 1, "Nurlan Baimukhanov", "Akim")
    _official(project, 1, "Serik Baimukhanov", "Minister of Energy")
    people_ops.sync(project)
    assert all(p.by_surname == [] for p in people_ops.list_people(project))
