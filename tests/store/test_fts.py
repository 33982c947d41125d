from claimdesk.ops.documents import search
from claimdesk.ops.importing import store_parsed
from claimdesk.core.readers import read_document


def _add(project, text, name="a.txt"):
    data = text.encode()
    with project.db.atomic():
        return store_parsed(project, read_document(data, name), data, name, "2026-01-01")


def test_cyrillic_and_kazakh_letters_fold_case(project):
    _add(project, "ҚАЗАҚСТАН ҒЫЛЫМ ҚОРЫ бөлді\nЖЁЛТЫЙ ДОМ Économie")
    assert search(project, "қазақстан")
    assert search(project, "ғылым")
    assert search(project, "Бөлді")
    assert search(project, "жёлтый")
    assert search(project, "economie"), "Latin accents fold"
    assert not search(project, "нет такого")


def test_digest_containers_are_not_indexed_twice(project, seeds_dir):
    path = next(seeds_dir.glob("000_*.txt"))
    data = path.read_bytes()
    with project.db.atomic():
        ids = store_parsed(project, read_document(data, path.name), data, path.name, "2026-01-01")
    hits = search(project, "Sultangaziyev")
    assert [h.document_id for h in hits] == [ids[2]]
    assert "[Sultangaziyev]" in hits[0].snippet


def test_index_follows_updates_and_deletes(project):
    [doc_id] = _add(project, "Original words here")
    project.db.execute("UPDATE documents SET title = 'New', text = 'Replacement words' WHERE id = ?", [doc_id])
    assert not search(project, "original") and search(project, "replacement")
    project.db.execute("DELETE FROM documents WHERE id = ?", [doc_id])
    assert not search(project, "replacement")
