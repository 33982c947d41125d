"""The detector on ../shared/dev2, releases its rules were not written from (issue 15): the
quality targets hold, so a regression fails CI. Same pipeline as `make eval` (import,
suggest, the pending suggestions scored by ../shared/tools/eval_claims.py)."""

import json
import subprocess
import sys

import pytest

from tests.conftest import SHARED

DEV2 = SHARED / "dev2"
SCORER = SHARED / "tools" / "eval_claims.py"


def _cli(*args, cwd):
    result = subprocess.run([sys.executable, "-m", "claimdesk", *map(str, args)], cwd=cwd, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return result.stdout


def _score(gold_lines, pred_lines, folder, name):
    gold, pred = folder / f"{name}.gold.jsonl", folder / f"{name}.pred.jsonl"
    gold.write_text("\n".join(gold_lines) + "\n", encoding="utf-8")
    pred.write_text("\n".join(pred_lines) + "\n", encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--docs", str(DEV2 / "docs"),
                             "--pred", str(pred), "--json"], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def dev2_scores(tmp_path_factory):
    if not (DEV2 / "docs").is_dir() or not SCORER.is_file():
        pytest.skip("../shared/dev2 or ../shared/tools is not present")
    folder = tmp_path_factory.mktemp("dev2")
    project = folder / "dev2.claimdesk"
    _cli("new", project, cwd=folder)
    _cli("import", project, DEV2 / "docs", cwd=folder)
    _cli("suggest", project, cwd=folder)
    pred = [line for line in _cli("claims", project, "--jsonl", "--suggestions", cwd=folder).splitlines() if line]
    gold = [line for line in (DEV2 / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    language = {s["file"]: s["language"] for s in json.loads((DEV2 / "sources.json").read_text(encoding="utf-8"))}
    scores = {"all": _score(gold, pred, folder, "all")}
    for code in ("en", "ru", "kk"):
        scores[code] = _score([g for g in gold if language[json.loads(g)["doc"]] == code],
                              [p for p in pred if language.get(json.loads(p)["doc"]) == code], folder, code)
    return scores


def test_dev2_overall_and_every_kind(dev2_scores):
    overall = dev2_scores["all"]
    assert overall["overall"]["f1"] >= 0.90
    for kind, figures in overall["kinds"].items():
        assert figures["f1"] >= 0.85, kind
        assert figures["value_accuracy"] >= 0.97, kind


def test_dev2_russian_and_kazakh(dev2_scores):
    assert dev2_scores["ru"]["overall"]["f1"] >= 0.85
    assert dev2_scores["kk"]["overall"]["f1"] >= 0.80
