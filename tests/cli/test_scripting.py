"""The CLI as a scripting surface: ids in `claims --jsonl`, claims inside `relations --jsonl`,
batch review from a list or stdin."""

import json
import shutil
import subprocess
import sys

import pytest

from tests.cli.command import claimdesk
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The samples imported, with every suggestion accepted as a claim authored by alice."""
    folder = tmp_path_factory.mktemp("built")
    claimdesk("new", "p.claimdesk", cwd=folder)
    assert claimdesk("import", "p.claimdesk", SAMPLES, cwd=folder).returncode == 0
    assert claimdesk("suggest", "p.claimdesk", "--accept", cwd=folder,
                     env_extra={"CLAIMDESK_USER": "alice"}).returncode == 0
    return folder / "p.claimdesk"


@pytest.fixture
def project(built, tmp_path):
    copy = tmp_path / "p.claimdesk"
    shutil.copy(built, copy)
    return copy


def lines(*args, cwd):
    result = claimdesk(*args, cwd=cwd)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_claim_lines_carry_the_ids_other_commands_take(project, tmp_path):
    claims = lines("claims", project, "--jsonl", cwd=tmp_path)
    assert claims and all({"id", "status", "document_id", "origin", "doc", "kind", "start", "end", "quote",
                           "fields"} <= set(c) for c in claims)
    assert all(c["suggestion"] is False and c["status"] == "unverified" and c["origin"] == "suggested"
               for c in claims)
    assert len({c["id"] for c in claims}) == len(claims)
    documents = {d["id"]: d for d in json.loads(claimdesk("docs", project, "--json", cwd=tmp_path).stdout)}
    for claim in claims:
        assert documents[claim["document_id"]]["file_name"] == claim["doc"]
        assert not documents[claim["document_id"]]["is_container"]  # a digest's article, not its page
    # the id is the one `review` takes, and the line shows the new status afterwards
    chosen = claims[3]
    assert claimdesk("review", project, chosen["id"], "--status", "disputed", "--reviewer", "bob",
                     cwd=tmp_path).returncode == 0
    after = {c["id"]: c for c in lines("claims", project, "--jsonl", cwd=tmp_path)}
    assert after[chosen["id"]]["status"] == "disputed"
    assert {c["status"] for i, c in after.items() if i != chosen["id"]} == {"unverified"}


def test_suggestion_lines_say_their_id_is_a_suggestion_id(tmp_path):
    claimdesk("new", "s.claimdesk", cwd=tmp_path)
    claimdesk("import", "s.claimdesk", SAMPLES / "01-rural-clinics.txt", cwd=tmp_path)
    claimdesk("suggest", "s.claimdesk", cwd=tmp_path)
    pending = lines("claims", "s.claimdesk", "--jsonl", "--suggestions", cwd=tmp_path)
    assert pending and all(p["suggestion"] is True and p["status"] == "pending" and p["origin"] == "detector"
                           for p in pending)
    from claimdesk.ops.projects import open_existing
    from claimdesk.ops.suggestions import pending as pending_suggestions

    with open_existing(tmp_path / "s.claimdesk") as opened:
        stored = {s.id: (s.kind, s.start, s.end) for s in pending_suggestions(opened)}
    assert {p["id"]: (p["kind"], p["start"], p["end"]) for p in pending} == stored


def test_relation_lines_carry_both_claims_quotes_and_documents(project, tmp_path):
    claims = {c["id"]: c for c in lines("claims", project, "--jsonl", cwd=tmp_path)}
    relations = lines("relations", project, "--jsonl", cwd=tmp_path)
    assert relations
    for relation in relations:
        for side in ("first", "second"):
            claim = relation[f"{side}_claim"]
            assert claim == claims[relation[side]]  # the same line `claims --jsonl` prints
            assert claim["quote"] and claim["doc"] and claim["document_title"] and claim["document_id"]
        assert relation["first_claim"]["document_id"] != relation["second_claim"]["document_id"]


def test_batch_review_applies_each_and_reports_every_refusal(project, tmp_path):
    ids = [c["id"] for c in lines("claims", project, "--jsonl", cwd=tmp_path)]
    result = claimdesk("review", project, "--ids", f"{ids[0]},{ids[1]} 9999,{ids[2]}", "--status", "verified",
                       "--reviewer", "bob", "--note", "checked against the decree", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "claimdesk: error: claim #9999: no such claim"
    assert result.stdout.splitlines() == [f"claim #{i}: status verified" for i in ids[:3]] + [
        "3 of 4 claims set to status verified; 1 refused (see above), left unchanged"]
    # alice made the claims: the two-person rule refuses her verifying her own, and says which
    self_review = claimdesk("review", project, "--ids", f"{ids[3]},{ids[4]}", "--status", "verified",
                            "--reviewer", "alice", cwd=tmp_path)
    assert self_review.returncode == 1
    refused = self_review.stderr.splitlines()
    assert [line.split(":")[2].split(" was ")[0].strip() for line in refused] == [f"claim #{ids[3]}",
                                                                                  f"claim #{ids[4]}"]
    assert all(line.count("claim #") == 1 for line in refused)  # named once, not "claim #4: claim #4 was …"
    assert all("two-person rule" in line for line in refused)
    statuses = {c["id"]: c["status"] for c in lines("claims", project, "--jsonl", cwd=tmp_path)}
    assert [statuses[i] for i in ids[:5]] == ["verified"] * 3 + ["unverified"] * 2
    history = _history(project, ids[0])
    assert (history[-1]["actor"], history[-1]["note"]) == ("bob", "checked against the decree")


def test_batch_review_reads_ids_from_stdin(project, tmp_path):
    claims = lines("claims", project, "--jsonl", cwd=tmp_path)
    statistics = [c["id"] for c in claims if c["kind"] == "statistic"]
    piped = "\n".join(f"{i}" if n % 2 else f"{i}, " for n, i in enumerate(statistics)) + "\n"
    result = subprocess.run([sys.executable, "-m", "claimdesk", "review", str(project), "--ids", "-",
                             "--status", "in review", "--reviewer", "bob"], input=piped, capture_output=True,
                            text=True, cwd=tmp_path, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"{len(statistics)} of {len(statistics)} claims set to status in review"
    after = {c["id"]: c["status"] for c in lines("claims", project, "--jsonl", cwd=tmp_path)}
    assert {i for i, status in after.items() if status == "in review"} == set(statistics)


@pytest.mark.parametrize("args, stdin, code, message", [
    (["--ids", "3,x"], None, 2, "'x' is not a claim id"),
    (["--ids", "3,-4"], None, 2, "'-4' is not a claim id"),
    (["--ids", " , "], None, 2, "no claim ids"),
    (["--ids", "-"], "\n  \n", 1, "no claim ids (stdin held none); nothing changed"),
    (["1", "--ids", "2"], None, 2, "give one CLAIM or --ids"),
    ([], None, 2, "give one CLAIM or --ids"),
])
def test_bad_id_lists_change_nothing(project, tmp_path, args, stdin, code, message):
    before = lines("claims", project, "--jsonl", cwd=tmp_path)
    result = subprocess.run([sys.executable, "-m", "claimdesk", "review", str(project), *args, "--status",
                             "verified", "--reviewer", "bob"], input=stdin or "", capture_output=True, text=True,
                            cwd=tmp_path, timeout=120)
    assert result.returncode == code and message in result.stderr
    assert lines("claims", project, "--jsonl", cwd=tmp_path) == before


def test_a_batch_is_one_process_and_one_transaction(project, tmp_path):
    # speed lives in the benchmarks; here: one run, one review.batch event, every claim changed
    from claimdesk.ops.projects import open_existing

    ids = [c["id"] for c in lines("claims", project, "--jsonl", cwd=tmp_path)]
    batch = claimdesk("review", project, "--ids", ",".join(map(str, ids)), "--status", "verified",
                      "--reviewer", "bob", cwd=tmp_path)
    assert batch.returncode == 0, batch.stderr
    assert len(ids) > 50 and {c["status"] for c in lines("claims", project, "--jsonl", cwd=tmp_path)} == {"verified"}
    with open_existing(project) as opened:
        kinds = [row[0] for row in opened.db.execute("SELECT action FROM events WHERE action LIKE 'review%'")]
    assert kinds == ["review.batch"]


def _history(project, claim_id):
    from claimdesk.ops.claims import claim_history
    from claimdesk.ops.projects import open_existing

    with open_existing(project) as opened:
        return claim_history(opened, claim_id)
