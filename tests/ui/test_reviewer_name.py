"""The reviewer name on first use (issue 16): with none set, the first change asks once;
left blank, history and exports say "unnamed analyst", never the OS login."""

import pytest

from claimdesk.core.claims import CreateClaim
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from tests.conftest import SAMPLES


@pytest.fixture
def claim_id(project, monkeypatch):
    monkeypatch.delenv("CLAIMDESK_USER", raising=False)
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    start = text.index("120 medical stations")
    return claim_ops.apply_command(project, CreateClaim(1, "target", start, start + 20), actor="alice").claim_id


def test_the_first_change_asks_for_a_name_once_and_records_it(qtbot, project, make_window, dialogs, settings,
                                                               claim_id):
    settings.preferences.user_name_asked = False
    window = make_window(project)
    dialogs.texts.append("Dana Reviewer")
    window.edit_claim(claim_id, {"statement": "first change"})
    assert dialogs.texts == [] and settings.preferences.user_name == "Dana Reviewer"
    window.edit_claim(claim_id, {"statement": "second change"})  # not asked again (no answer is queued)
    actors = [entry["actor"] for entry in claim_ops.claim_history(project, claim_id)[-2:]]
    assert actors == ["Dana Reviewer", "Dana Reviewer"]


def test_a_blank_answer_means_unnamed_analyst_and_is_not_asked_again(qtbot, project, make_window, dialogs,
                                                                     settings, claim_id):
    settings.preferences.user_name_asked = False
    window = make_window(project)
    dialogs.texts.append("")
    window.edit_claim(claim_id, {"statement": "first change"})
    window.edit_claim(claim_id, {"statement": "second change"})
    assert dialogs.texts == [] and settings.preferences.user_name == ""
    actors = {entry["actor"] for entry in claim_ops.claim_history(project, claim_id)[-2:]}
    assert actors == {"unnamed analyst"}


def test_with_claimdesk_user_set_nothing_is_asked(qtbot, project, make_window, dialogs, settings, claim_id,
                                                   monkeypatch):
    settings.preferences.user_name_asked = False
    monkeypatch.setenv("CLAIMDESK_USER", "carol")
    window = make_window(project)
    window.edit_claim(claim_id, {"statement": "first change"})  # no answer is queued: asking would fail
    assert claim_ops.claim_history(project, claim_id)[-1]["actor"] == "carol"
    assert not settings.preferences.user_name_asked
