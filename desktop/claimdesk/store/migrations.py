"""The project schema as named sqlite-utils migration steps. Never edit a released step:
add a new one. Tests build their projects through these same steps."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database, Migrations

migrations = Migrations("claimdesk")

# unicode61 folds case in every script (Cyrillic and Kazakh letters included) and, with
# remove_diacritics 2, Latin accents; it leaves Cyrillic letters such as ё and й as they are.
FTS_TOKENIZER = "unicode61 remove_diacritics 2"

DEFAULT_KINDS: list[tuple[str, str, str, str, list[tuple[Any, ...]]]] = [
    ("funding", "Funding", "#e0a800", "1", [
        ("amount", "decimal"), ("amount_high", "decimal"), ("currency", "currency"),
        ("as_written", "text"),
        ("status", "choice", ["allocated", "spent", "planned", "needed", "invested", "other"]),
        ("payer", "text"), ("purpose", "text"), ("period", "date")]),
    ("target", "Target", "#1e88e5", "2", [
        ("quantity", "decimal"), ("quantity_high", "decimal"),
        ("comparator", "choice", ["exactly", "about", "at least", "more than", "up to", "less than"]),
        ("unit", "text"), ("deadline", "date"),
        ("status", "choice", ["planned", "in progress", "achieved"]), ("responsible", "text")]),
    ("statistic", "Statistic", "#8e24aa", "3", [
        ("value", "decimal"), ("value_high", "decimal"),
        ("comparator", "choice", ["exactly", "about", "at least", "more than", "up to", "less than"]),
        ("unit", "text"), ("as_of", "date")]),
    ("official", "Official", "#00897b", "4", [
        ("name", "text"), ("position", "text"), ("organisation", "text"), ("as_of", "date")]),
]


def step_names() -> list[str]:
    """Names of every step this version knows, in order (the one place that reads
    sqlite-utils' registry, which has no public accessor)."""
    return [step.name for step in migrations._migrations]


def _field(spec: tuple[Any, ...]) -> dict[str, Any]:
    name, kind, *choices = spec
    return {"name": name, "type": kind, **({"choices": choices[0]} if choices else {})}


@migrations(name="0001_initial")
def initial(db: Database) -> None:
    for statement in _INITIAL:
        db.execute(statement)
    for position, (name, label, colour, key, fields) in enumerate(DEFAULT_KINDS):
        db.execute(
            "INSERT INTO kinds (name, label, colour, shortcut, fields, position) VALUES (?, ?, ?, ?, ?, ?)",
            [name, label, colour, key, json.dumps([_field(f) for f in fields]), position],
        )


_INITIAL = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE originals (
        sha256 TEXT PRIMARY KEY,
        size INTEGER NOT NULL,
        media_type TEXT NOT NULL,
        first_file_name TEXT NOT NULL,
        content BLOB NOT NULL)""",
    # AUTOINCREMENT: a deleted document's or claim's id is never given to another one.
    """CREATE TABLE documents (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        parent_id INTEGER REFERENCES documents(id) ON DELETE CASCADE,
        parent_offset INTEGER,
        ordinal INTEGER NOT NULL DEFAULT 0,
        is_container INTEGER NOT NULL DEFAULT 0,
        original_sha256 TEXT NOT NULL REFERENCES originals(sha256),
        file_name TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        publisher TEXT NOT NULL DEFAULT '',
        source_url TEXT NOT NULL DEFAULT '',
        published TEXT,
        published_precision TEXT CHECK (published_precision IN ('year', 'month', 'day', 'minute')),
        retrieved TEXT NOT NULL,
        imported_at TEXT NOT NULL,
        media_type TEXT NOT NULL,
        languages TEXT NOT NULL DEFAULT '[]',
        encoding TEXT NOT NULL DEFAULT '',
        encoding_method TEXT NOT NULL DEFAULT '',
        text TEXT NOT NULL,
        text_sha256 TEXT NOT NULL,
        boilerplate TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}')""",
    "CREATE INDEX documents_parent ON documents(parent_id)",
    "CREATE INDEX documents_original ON documents(original_sha256)",
    """CREATE TABLE pages (
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        number INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        width REAL NOT NULL,
        height REAL NOT NULL,
        words TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (document_id, number))""",
    """CREATE TABLE kinds (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        label TEXT NOT NULL,
        colour TEXT NOT NULL,
        shortcut TEXT,
        fields TEXT NOT NULL DEFAULT '[]',
        position INTEGER NOT NULL DEFAULT 0)""",
    """CREATE TABLE claims (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id),
        kind_id INTEGER NOT NULL REFERENCES kinds(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        quote TEXT NOT NULL,
        prefix TEXT NOT NULL DEFAULT '',
        suffix TEXT NOT NULL DEFAULT '',
        page INTEGER,
        fields TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL DEFAULT 'unverified',
        origin TEXT NOT NULL DEFAULT 'manual',
        confidence REAL,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        anchor_state TEXT NOT NULL DEFAULT 'anchored',
        CHECK (start >= 0 AND "end" > start))""",
    "CREATE INDEX claims_document ON claims(document_id)",
    """CREATE TABLE claim_events (
        id INTEGER PRIMARY KEY,
        claim_id INTEGER NOT NULL,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        before TEXT,
        after TEXT,
        note TEXT NOT NULL DEFAULT '')""",
    "CREATE INDEX claim_events_claim ON claim_events(claim_id)",
    """CREATE TRIGGER claim_events_append_only_update BEFORE UPDATE ON claim_events
        BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END""",
    """CREATE TRIGGER claim_events_append_only_delete BEFORE DELETE ON claim_events
        BEGIN SELECT RAISE(ABORT, 'claim_events is append-only'); END""",
    """CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}')""",
    # Digest containers are not indexed: their articles are, so a hit is never reported twice.
    f"""CREATE VIRTUAL TABLE documents_fts USING fts5(
        title, text, content='documents', content_rowid='id', tokenize='{FTS_TOKENIZER}')""",
    """CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents WHEN new.is_container = 0 BEGIN
        INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text); END""",
    """CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents WHEN old.is_container = 0 BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text); END""",
    """CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text, is_container ON documents BEGIN
        INSERT INTO documents_fts(documents_fts, rowid, title, text)
        SELECT 'delete', old.id, old.title, old.text WHERE old.is_container = 0;
        INSERT INTO documents_fts(rowid, title, text)
        SELECT new.id, new.title, new.text WHERE new.is_container = 0; END""",
]


@migrations(name="0002_claim_notes_and_search")
def claim_notes_and_search(db: Database) -> None:
    """Analyst notes on claims, and full-text search over claim quotes and notes."""
    for statement in _CLAIM_SEARCH:
        db.execute(statement)
    db.execute("INSERT INTO claims_fts(claims_fts) VALUES ('rebuild')")


_CLAIM_SEARCH = [
    "ALTER TABLE claims ADD COLUMN note TEXT NOT NULL DEFAULT ''",
    f"""CREATE VIRTUAL TABLE claims_fts USING fts5(
        quote, note, content='claims', content_rowid='id', tokenize='{FTS_TOKENIZER}')""",
    """CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_fts(rowid, quote, note) VALUES (new.id, new.quote, new.note); END""",
    """CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note); END""",
    """CREATE TRIGGER claims_fts_update AFTER UPDATE OF quote, note ON claims BEGIN
        INSERT INTO claims_fts(claims_fts, rowid, quote, note) VALUES ('delete', old.id, old.quote, old.note);
        INSERT INTO claims_fts(rowid, quote, note) VALUES (new.id, new.quote, new.note); END""",
]


@migrations(name="0003_suggestions")
def suggestions(db: Database) -> None:
    """Detector suggestions awaiting review; decided ones stay so a rejected span is not proposed again."""
    db.execute("""CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        anchor INTEGER NOT NULL,
        fields TEXT NOT NULL DEFAULT '{}',
        confidence REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
        claim_id INTEGER,
        detector TEXT NOT NULL,
        created_at TEXT NOT NULL,
        decided_at TEXT,
        decided_by TEXT,
        UNIQUE (document_id, kind, start, "end", anchor))""")
    db.execute("CREATE INDEX suggestions_document ON suggestions(document_id, state)")


@migrations(name="0004_people")
def people(db: Database) -> None:
    """The officials registry: people, which official claims name them (proposed or
    confirmed by an analyst), and other spellings of their names seen in the texts."""
    db.execute("""CREATE TABLE people (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL)""")
    db.execute("""CREATE TABLE person_links (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed')))""")
    db.execute("CREATE INDEX person_links_person ON person_links(person_id)")
    db.execute("""CREATE TABLE person_aliases (
        person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        UNIQUE (person_id, name, document_id, start))""")


@migrations(name="0005_relations")
def relations(db: Database) -> None:
    """Proposed and decided relations between claims (corroboration, conflict, sums)."""
    db.execute("""CREATE TABLE relations (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        first_claim INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        second_claim INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        reason TEXT NOT NULL,
        score REAL NOT NULL,
        state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed', 'dismissed')),
        decided_by TEXT,
        decided_at TEXT,
        UNIQUE (kind, first_claim, second_claim))""")


@migrations(name="0006_review")
def review(db: Database) -> None:
    """Review workflow: promise status of targets, evidence items, project review settings."""
    db.execute("ALTER TABLE claims ADD COLUMN promise_status TEXT NOT NULL DEFAULT 'not yet rated'")
    db.execute("""CREATE TABLE evidence (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('claim', 'url', 'note')),
        other_claim INTEGER REFERENCES claims(id) ON DELETE SET NULL,
        url TEXT NOT NULL DEFAULT '',
        retrieved TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL,
        created_at TEXT NOT NULL)""")
    db.execute("CREATE INDEX evidence_claim ON evidence(claim_id)")
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('two_person_rule', 'on')")
    db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('statuses', ?)",
               [json.dumps(["unverified", "in review", "verified", "disputed", "false", "inconclusive"])])


@migrations(name="0007_statement")
def statement(db: Database) -> None:
    """The one-line statement a fact sheet prints for a claim (blank: built from its fields)."""
    db.execute("ALTER TABLE claims ADD COLUMN statement TEXT NOT NULL DEFAULT ''")


# the claims table's "value" column: the first numeric field of the kind (amount, quantity or value)
CLAIM_VALUE_SQL = ("CAST(coalesce(json_extract(fields, '$.amount'), json_extract(fields, '$.quantity'), "
                   "json_extract(fields, '$.value')) AS REAL)")


@migrations(name="0008_sort_indexes")
def sort_indexes(db: Database) -> None:
    """One index per claims-table ordering, so a sort over 100k claims is an index scan
    (40-70 ms) instead of a temporary B-tree (170-330 ms); see docs/decisions.md."""
    db.execute("DROP INDEX claims_document")
    db.execute("CREATE INDEX claims_document_start ON claims(document_id, start)")
    db.execute("CREATE INDEX documents_library_order ON documents(coalesce(parent_id, id), ordinal, id)")
    db.execute("CREATE INDEX documents_published ON documents(published)")
    db.execute("CREATE INDEX kinds_position ON kinds(position)")
    db.execute("CREATE INDEX claims_kind ON claims(kind_id)")
    db.execute("CREATE INDEX claims_status ON claims(status)")
    db.execute("CREATE INDEX claims_author ON claims(author)")
    db.execute("CREATE INDEX claims_quote ON claims(quote COLLATE NOCASE)")
    # kind and status ride along so that filtering a value-sorted table needs no row lookups
    # (random reads: 160 ms at 100k claims against 60 ms)
    db.execute(f"CREATE INDEX claims_value ON claims({CLAIM_VALUE_SQL}, kind_id, status)")


@migrations(name="0009_search_word_forms")
def search_word_forms(db: Database) -> None:
    """Word-form indexes beside the exact ones: contentless FTS5 tables of folded words and
    their stems, filled by triggers through claimdesk_search_terms (store/search.py), built
    here for the documents and claims already in the project (docs/decisions.md, "Search by
    word forms")."""
    from claimdesk.store.search import rebuild_word_forms, register_functions

    register_functions(db.conn)
    for statement in _WORD_FORMS:
        db.execute(statement)
    rebuild_word_forms(db)


# The triggers delete a row of a contentless index by recomputing its terms, so the rebuild
# (store/search.py) must index exactly these expressions. Claims take Kazakh stems always:
# their document may be gone when a claim's row is deleted.
DOCUMENT_TERMS_SQL = "claimdesk_search_terms({0}.title || char(10) || {0}.text, {0}.languages)"
CLAIM_TERMS_SQL = "claimdesk_search_terms({0}.quote || char(10) || {0}.note, NULL)"
_WORD_FORMS = [
    f"""CREATE VIRTUAL TABLE documents_terms USING fts5(terms, content='', tokenize='{FTS_TOKENIZER}')""",
    f"""CREATE TRIGGER documents_terms_insert AFTER INSERT ON documents WHEN new.is_container = 0 BEGIN
        INSERT INTO documents_terms(rowid, terms) VALUES (new.id, {DOCUMENT_TERMS_SQL.format("new")}); END""",
    f"""CREATE TRIGGER documents_terms_delete AFTER DELETE ON documents WHEN old.is_container = 0 BEGIN
        INSERT INTO documents_terms(documents_terms, rowid, terms)
        VALUES ('delete', old.id, {DOCUMENT_TERMS_SQL.format("old")}); END""",
    f"""CREATE TRIGGER documents_terms_update AFTER UPDATE OF title, text, languages, is_container ON documents
        BEGIN
        INSERT INTO documents_terms(documents_terms, rowid, terms)
        SELECT 'delete', old.id, {DOCUMENT_TERMS_SQL.format("old")} WHERE old.is_container = 0;
        INSERT INTO documents_terms(rowid, terms)
        SELECT new.id, {DOCUMENT_TERMS_SQL.format("new")} WHERE new.is_container = 0; END""",
    f"""CREATE VIRTUAL TABLE claims_terms USING fts5(terms, content='', tokenize='{FTS_TOKENIZER}')""",
    f"""CREATE TRIGGER claims_terms_insert AFTER INSERT ON claims BEGIN
        INSERT INTO claims_terms(rowid, terms) VALUES (new.id, {CLAIM_TERMS_SQL.format("new")}); END""",
    f"""CREATE TRIGGER claims_terms_delete AFTER DELETE ON claims BEGIN
        INSERT INTO claims_terms(claims_terms, rowid, terms) VALUES ('delete', old.id, {CLAIM_TERMS_SQL.format("old")});
        END""",
    f"""CREATE TRIGGER claims_terms_update AFTER UPDATE OF quote, note ON claims BEGIN
        INSERT INTO claims_terms(claims_terms, rowid, terms) VALUES ('delete', old.id, {CLAIM_TERMS_SQL.format("old")});
        INSERT INTO claims_terms(rowid, terms) VALUES (new.id, {CLAIM_TERMS_SQL.format("new")}); END""",
]


@migrations(name="0010_subjects_and_measures")
def subjects_and_measures(db: Database) -> None:
    """What claims are about: subjects (a programme, project, place ...) with aliases in any
    language, measures under a subject (the thing counted or paid), each claim's link to at
    most one measure (its subject is the measure's subject), each document's dominant
    subject, and the claims whose proposed link the analyst removed (never proposed again)."""
    for statement in _SUBJECTS:
        db.execute(statement)


_SUBJECTS = [
    """CREATE TABLE subjects (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL,
        key TEXT NOT NULL UNIQUE,
        category TEXT NOT NULL DEFAULT 'programme' CHECK (category IN
            ('programme', 'project', 'initiative', 'organisation', 'place', 'facility')),
        created_at TEXT NOT NULL)""",
    """CREATE TABLE subject_aliases (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
        alias TEXT NOT NULL,
        key TEXT NOT NULL,
        UNIQUE (subject_id, key))""",
    "CREATE INDEX subject_aliases_key ON subject_aliases(key)",
    """CREATE TABLE measures (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        key TEXT NOT NULL,
        unit_class TEXT NOT NULL CHECK (unit_class IN
            ('currency', 'count', 'percent', 'length', 'area', 'mass', 'volume', 'energy', 'duration', 'other')),
        unit TEXT,
        UNIQUE (subject_id, key))""",
    """CREATE TABLE claim_measures (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        measure_id INTEGER NOT NULL REFERENCES measures(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('proposed', 'confirmed')),
        confidence REAL,
        source TEXT NOT NULL DEFAULT 'analyst' CHECK (source IN ('detector', 'analyst', 'import')),
        decided_by TEXT,
        decided_at TEXT)""",
    "CREATE INDEX claim_measures_measure ON claim_measures(measure_id)",
    """CREATE TABLE claim_measure_removals (
        claim_id INTEGER PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
        removed_by TEXT NOT NULL,
        removed_at TEXT NOT NULL)""",
    """CREATE TABLE document_subjects (
        document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        subject_id INTEGER NOT NULL REFERENCES subjects(id) ON DELETE CASCADE,
        confidence REAL,
        state TEXT NOT NULL DEFAULT 'proposed' CHECK (state IN ('proposed', 'confirmed')))""",
    "CREATE INDEX document_subjects_subject ON document_subjects(subject_id)",
]


@migrations(name="0011_one_document_per_original")
def one_document_per_original(db: Database) -> None:
    """A file's bytes are stored as one top-level document: a second insert of the same
    original is refused inside the transaction, whichever Claimdesk runs it. A trigger,
    not a UNIQUE index: digest articles share their page's original, an explicit new
    version may carry bytes another document has (an UPDATE, not refused), and projects
    that already hold duplicates must still open (``verify`` reports them)."""
    db.execute("""CREATE TRIGGER documents_one_per_original BEFORE INSERT ON documents
        WHEN new.parent_id IS NULL AND EXISTS (SELECT 1 FROM documents
            WHERE original_sha256 = new.original_sha256 AND parent_id IS NULL)
        BEGIN SELECT RAISE(ABORT, 'this file is already imported (same bytes as a stored document)'); END""")


@migrations(name="0012_suggestions_by_claim")
def suggestions_by_claim(db: Database) -> None:
    """Every accept looks up the suggestions already accepted into the claims near it (one
    claim per fact); without an index each look read the whole table, so accepting all of
    a project's suggestions grew with the square of their number."""
    db.execute("CREATE INDEX suggestions_claim ON suggestions(claim_id)")


# Documents are indexed in segments of about this many bytes of text (cut where a word
# ends): one FTS5 row holds all its postings in memory until the row is written, so a
# 150 MB text in one row took gigabytes. A shorter text is one row whose rowid is the
# document's id, as before; a longer one is rows -(id * 65536 + segment number).
SEGMENT_BYTES = 2_000_000
SEGMENT_CUT_WINDOW = 65536  # a segment starts within this many bytes after its multiple of SEGMENT_BYTES
_BYTES = "CAST({0}.text AS BLOB)"  # no copy inside a trigger; substr() of it counts bytes
_SIZE = f"length({_BYTES})"
# segment numbers, or -1 for a text indexed whole (claimdesk_segment_numbers: store/search.py)
_SEGMENTS = (f"json_each(CASE WHEN {_SIZE} <= {SEGMENT_BYTES} THEN '[-1]' "
             f"ELSE claimdesk_segment_numbers({_SIZE}) END) AS segment")
_FIRST_BYTE = (f"(CASE WHEN {{k}} <= 0 THEN 0 ELSE {{k}} * {SEGMENT_BYTES} + claimdesk_segment_cut(substr("
               f"{_BYTES}, {{k}} * {SEGMENT_BYTES} + 1, {SEGMENT_CUT_WINDOW})) END)")
_START = _FIRST_BYTE.replace("{k}", "segment.value")
_END = (f"(CASE WHEN (segment.value + 1) * {SEGMENT_BYTES} >= {_SIZE} THEN {_SIZE} "
        f"ELSE {_FIRST_BYTE.replace('{k}', '(segment.value + 1)')} END)")
_SEGMENT_TEXT = (f"CASE WHEN segment.value < 0 THEN {{0}}.text "
                 f"ELSE CAST(substr({_BYTES}, {_START} + 1, {_END} - {_START}) AS TEXT) END")
SEGMENT_ROWID_SQL = "CASE WHEN segment.value < 0 THEN {0}.id ELSE -({0}.id * 65536 + segment.value) END"
_SEGMENT_TITLE = "CASE WHEN segment.value <= 0 THEN {0}.title ELSE '' END"
# the first segment's terms are those of title || char(10) || text, as DOCUMENT_TERMS_SQL
_SEGMENT_TERMS = ("claimdesk_search_terms(CASE WHEN segment.value <= 0 THEN {0}.title || char(10) ELSE '' END || "
                  + _SEGMENT_TEXT + ", {0}.languages)")
# what each segment of document {0} (a trigger's new or old, or documents {0}) puts in each index
EXACT_SEGMENT_COLUMNS = f"{SEGMENT_ROWID_SQL}, {_SEGMENT_TITLE}, {_SEGMENT_TEXT}"
TERM_SEGMENT_COLUMNS = f"{SEGMENT_ROWID_SQL}, {_SEGMENT_TERMS}"
SEGMENTS_OF = _SEGMENTS  # a table-valued json_each over document {0}'s segments, named segment


@migrations(name="0013_document_segments")
def document_segments(db: Database) -> None:
    """Both document indexes hold a long text in segments (SEGMENT_BYTES), so importing or
    re-indexing it needs memory for one segment, not for the whole text. The exact index
    becomes contentless (its rows are segments, not documents); every document is indexed
    again. Texts up to a segment long are indexed exactly as before."""
    from claimdesk.store.search import rebuild_document_indexes, register_functions

    register_functions(db.conn)
    for name in ("documents_fts_insert", "documents_fts_delete", "documents_fts_update",
                 "documents_terms_insert", "documents_terms_delete", "documents_terms_update"):
        db.execute(f"DROP TRIGGER IF EXISTS {name}")
    db.execute("DROP TABLE documents_fts")
    for statement in _SEGMENT_INDEXES:
        db.execute(statement)
    rebuild_document_indexes(db)


def _segment_triggers(table: str, columns: str, segment_columns: str, watched: str) -> list[str]:
    new, old = (f"SELECT {segment_columns} FROM {_SEGMENTS}".format(row) for row in ("new", "old"))
    return [
        f"""CREATE TRIGGER {table}_insert AFTER INSERT ON documents WHEN new.is_container = 0 BEGIN
            INSERT INTO {table}(rowid, {columns}) {new}; END""",
        f"""CREATE TRIGGER {table}_delete AFTER DELETE ON documents WHEN old.is_container = 0 BEGIN
            INSERT INTO {table}({table}, rowid, {columns}) SELECT 'delete', * FROM ({old}); END""",
        f"""CREATE TRIGGER {table}_update AFTER UPDATE OF {watched} ON documents BEGIN
            INSERT INTO {table}({table}, rowid, {columns}) SELECT 'delete', * FROM ({old}) WHERE old.is_container = 0;
            INSERT INTO {table}(rowid, {columns}) SELECT * FROM ({new}) WHERE new.is_container = 0; END""",
    ]


# the terms triggers come last: a connection without the terms function is told about it first
_SEGMENT_INDEXES = [
    f"CREATE VIRTUAL TABLE documents_fts USING fts5(title, text, content='', tokenize='{FTS_TOKENIZER}')",
    *_segment_triggers("documents_fts", "title, text", EXACT_SEGMENT_COLUMNS, "title, text, is_container"),
    *_segment_triggers("documents_terms", "terms", TERM_SEGMENT_COLUMNS, "title, text, languages, is_container"),
]


@migrations(name="0014_merge_disagreements")
def merge_disagreements(db: Database) -> None:
    """What two analysts' projects said differently about one claim when they were merged
    (``claimdesk merge``): the value INTO kept and the value FROM held, each with who set
    it, until an analyst resolves it (keeps one, or keeps both as they are). A merge never
    overwrites a value; the pair is unique, so merging the same file again adds nothing."""
    db.execute("""CREATE TABLE merge_disagreements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
        attribute TEXT NOT NULL,
        kept_value TEXT NOT NULL,
        kept_author TEXT NOT NULL,
        other_value TEXT NOT NULL,
        other_author TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
        resolution TEXT CHECK (resolution IN ('kept', 'other', 'both')),
        resolved_by TEXT,
        resolved_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (claim_id, attribute, kept_value, other_value))""")
    db.execute("CREATE INDEX merge_disagreements_state ON merge_disagreements(state, claim_id)")


@migrations(name="0015_merged_history")
def merged_history(db: Database) -> None:
    """Which analyst's project a claim event came from when ``claimdesk merge`` brought it
    in: NULL for this project's own events. A claim both projects held gets the other's
    history beside its own; marked, its status changes (the other analyst's "unverified"
    create, their reviews) do not read as this claim's, so whoever verified the claim here
    stays its verifier. A merge's own event that took a value from that project names it
    too (``a/b`` when that project had it from a merge of its own)."""
    db.execute("ALTER TABLE claim_events ADD COLUMN merged_from TEXT")


@migrations(name="0016_deletion_disagreements")
def deletion_disagreements(db: Database) -> None:
    """A merge also records a claim one analyst deleted and the other kept (attribute
    ``claim``): when INTO deleted it, the disagreement names INTO's deleted claim, which no
    longer has a row, so ``claim_id`` stops being a foreign key. Deleting a claim still
    deletes its disagreements (a trigger instead of the cascade), except a settled
    ``claim`` one: that is the record of why the claim is gone or came back."""
    db.execute("""CREATE TABLE merge_disagreements_0016 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        claim_id INTEGER NOT NULL,
        attribute TEXT NOT NULL,
        kept_value TEXT NOT NULL,
        kept_author TEXT NOT NULL,
        other_value TEXT NOT NULL,
        other_author TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved')),
        resolution TEXT CHECK (resolution IN ('kept', 'other', 'both')),
        resolved_by TEXT,
        resolved_at TEXT,
        created_at TEXT NOT NULL,
        UNIQUE (claim_id, attribute, kept_value, other_value))""")
    db.execute("INSERT INTO merge_disagreements_0016 SELECT * FROM merge_disagreements")
    db.execute("DROP TABLE merge_disagreements")
    db.execute("ALTER TABLE merge_disagreements_0016 RENAME TO merge_disagreements")
    db.execute("CREATE INDEX merge_disagreements_state ON merge_disagreements(state, claim_id)")
    db.execute("""CREATE TRIGGER merge_disagreements_claim_deleted AFTER DELETE ON claims BEGIN
        DELETE FROM merge_disagreements WHERE claim_id = old.id AND (attribute != 'claim' OR state = 'open'); END""")


@migrations(name="0017_relation_proposed_promise")
def relation_proposed_promise(db: Database) -> None:
    """The promise status a progress relation proposes for its target (what confirming it
    applies, in core/review.py's vocabulary) becomes its own column; NULL for the other
    kinds. Before, it was stored only at the end of the reason, as "proposes promise status
    <status> (<promise>)"; existing progress relations get it from there, the one place
    that wording is still read."""
    import re

    old_wording = re.compile(r"proposes promise status [\w ]+ \(([\w ]+)\)\s*$")
    db.execute("ALTER TABLE relations ADD COLUMN proposed_promise TEXT")
    for relation_id, reason in db.execute("SELECT id, reason FROM relations WHERE kind = 'progress'").fetchall():
        match = old_wording.search(reason)
        if match:
            db.execute("UPDATE relations SET proposed_promise = ? WHERE id = ?", [match.group(1), relation_id])
