"""`claimdesk publish` end to end, served for real: Datasette (the [publish] extra, also in the
test extra) serves the published file with its metadata on 127.0.0.1, started by the command
publish prints, from where publish ran, and the claims, the canned query and the metadata
come back over HTTP."""

import json
import shlex
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.cli.command import claimdesk
from tests.conftest import SAMPLES

START_SECONDS = 60  # Datasette starts in about a second; a loaded CI machine may take longer


@pytest.fixture
def reviewed_project(tmp_path):
    assert claimdesk("new", "budget.claimdesk", cwd=tmp_path).returncode == 0
    assert claimdesk("import", "budget.claimdesk", SAMPLES / "01-rural-clinics.txt", cwd=tmp_path).returncode == 0
    result = claimdesk("suggest", "budget.claimdesk", "--accept", cwd=tmp_path, env_extra={"CLAIMDESK_USER": "ana"})
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in claimdesk("claims", "budget.claimdesk", "--jsonl", cwd=tmp_path).stdout
             .splitlines()]
    funding = next(line for line in lines if line["kind"] == "funding")
    result = claimdesk("review", "budget.claimdesk", funding["id"], "--status", "verified", "--reviewer", "bob",
                       cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path, lines, funding


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get_json(url: str):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback, never through a proxy
    with opener.open(url, timeout=30) as response:
        return json.loads(response.read().decode("utf-8"))


class Datasette:
    """``datasette DB -m METADATA`` (a command as publish prints it) on 127.0.0.1 in a
    subprocess started in ``folder``, stopped on exit."""

    def __init__(self, folder, command):
        program, *arguments = shlex.split(command)
        assert program == "datasette"
        self.port = free_port()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "datasette", "serve", *arguments, "-h", "127.0.0.1", "-p", str(self.port)],
            cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    def __enter__(self):
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return self
            except OSError:
                try:  # the poll's pause is a wait for the server to exit (it must not)
                    self.process.wait(timeout=0.1)
                except subprocess.TimeoutExpired:
                    continue
                pytest.fail(f"datasette exited with {self.process.returncode}: {self.process.stdout.read()}")
        self.__exit__()
        pytest.fail(f"datasette did not listen on 127.0.0.1:{self.port} within {START_SECONDS} s")

    def __exit__(self, *exc):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def get(self, path: str):
        return get_json(f"http://127.0.0.1:{self.port}{path}")


def test_datasette_serves_the_published_claims_with_the_metadata(reviewed_project):
    pytest.importorskip("datasette", reason="Datasette (pip install claimdesk[publish]) is not installed")
    cwd, lines, funding = reviewed_project
    (cwd / "public").mkdir()
    result = claimdesk("publish", "budget.claimdesk", "public/budget.db", "--license", "CC BY 4.0",
                       "--title", "Zhanaqala clinics", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert f"wrote public/budget.db: {len(lines)} claims" in result.stdout
    command = result.stdout.rsplit("(", 1)[1].rstrip(")\n")
    assert command == "datasette public/budget.db -m public/budget.metadata.json"
    with Datasette(cwd, command) as server:  # from where publish ran, as printed
        rows = server.get("/budget/claims.json?_shape=array&_size=max")
        by_id = {row["claim_id"]: row for row in rows}
        assert set(by_id) == {line["id"] for line in lines}
        served = by_id[funding["id"]]
        assert (served["quote"], served["start"], served["end"], served["status"], served["reviewer"]) == (
            funding["quote"], funding["start"], funding["end"], "verified", "bob")
        assert served["amount"] == funding["fields"]["amount"] and served["sha256"]
        sources = server.get("/budget/sources.json?_shape=array")
        assert [s["document_id"] for s in sources] == [funding["document_id"]]
        assert server.get("/budget/open_conflicts_per_subject.json?_shape=array") == []
        metadata = server.get("/-/metadata.json")
        assert metadata["title"] == "Zhanaqala clinics" and metadata["license"] == "CC BY 4.0"
        facets = server.get("/budget/claims.json?_size=0")["facet_results"]
        facet_names = facets if isinstance(facets, list) else list(facets)
        assert {"kind", "status"} <= set(facet_names)


def test_verified_only_and_nothing_to_publish(reviewed_project):
    cwd, _lines, funding = reviewed_project
    result = claimdesk("publish", "budget.claimdesk", "verified.db", "--verified-only", cwd=cwd)
    assert result.returncode == 0, result.stderr
    assert "wrote verified.db: 1 claim," in result.stdout
    claimdesk("review", "budget.claimdesk", funding["id"], "--status", "disputed", "--reviewer", "bob", cwd=cwd)
    (cwd / "verified.db").chmod(0o644)
    (cwd / "verified.db").unlink()
    (cwd / "verified.metadata.json").unlink()
    result = claimdesk("publish", "budget.claimdesk", "verified.db", "--verified-only", cwd=cwd)
    assert result.returncode == 1
    assert "claims are verified; publish without --verified-only to include them" in result.stderr
    assert not (cwd / "verified.db").exists() and not (cwd / "verified.metadata.json").exists()
    refused = claimdesk("publish", "budget.claimdesk", "budget.claimdesk", cwd=cwd)
    assert refused.returncode == 1 and "that is the project itself" in refused.stderr


def test_a_timestamp_that_is_not_iso_8601_is_a_usage_error_and_a_foreign_file_is_kept(reviewed_project):
    cwd, _lines, _funding = reviewed_project
    wrong = claimdesk("publish", "budget.claimdesk", "out.db", "--timestamp", "yesterday", cwd=cwd)
    assert wrong.returncode == 2 and "'yesterday' is not an ISO 8601 date and time" in wrong.stderr
    assert not (cwd / "out.db").exists()
    (cwd / "existing.db").write_text("not ours", encoding="utf-8")
    refused = claimdesk("publish", "budget.claimdesk", "existing.db", cwd=cwd)
    assert refused.returncode == 1 and "replace it with --force" in refused.stderr
    assert (cwd / "existing.db").read_text(encoding="utf-8") == "not ours"
    forced = claimdesk("publish", "budget.claimdesk", "existing.db", "--force", cwd=cwd)
    assert forced.returncode == 0 and "datasette existing.db -m existing.metadata.json" in forced.stdout
    assert claimdesk("new", "empty.claimdesk", cwd=cwd).returncode == 0
    empty = claimdesk("publish", "empty.claimdesk", "e.db", cwd=cwd)
    assert empty.returncode == 1 and "empty.claimdesk: the project holds no claims yet" in empty.stderr
