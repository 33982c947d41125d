"""The Subjects tab: its models, the timeline's placing of targets, statistics and a
conflict, assigning a claim's subject/measure from the keyboard with undo/redo, the claims
table's subject filter, and merging/splitting from the tab."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor

from claimdesk.core.claims import Claim, CreateClaim
from claimdesk.core.kinds import FieldDef, Kind
from claimdesk.core.subjects_model import Measure, MeasureSummary, Subject, SubjectSummary
from claimdesk.ops import claims as claim_ops
from claimdesk.ops.importing import import_paths
from claimdesk.ui.subjects_pane import ALIAS, MEASURE, SUBJECT, FiguresModel, SubjectsModel, SubjectsPane
from claimdesk.ui.timeline import Link, Timeline, figures_of
from tests.conftest import SAMPLES

KINDS = {
    "target": Kind("target", "Target", "#1e88e5", "2", (FieldDef("quantity", "decimal"), FieldDef("unit", "text"),
                                                       FieldDef("deadline", "date"))),
    "statistic": Kind("statistic", "Statistic", "#8e24aa", "3", (FieldDef("value", "decimal"),
                                                                FieldDef("unit", "text"), FieldDef("as_of", "date"))),
    "funding": Kind("funding", "Funding", "#e0a800", "1",
                    (FieldDef("amount", "decimal"), FieldDef("currency", "currency"), FieldDef("period", "date"))),
}


def _claim(claim_id, kind, fields, document_id=1):
    return Claim(id=claim_id, document_id=document_id, kind=kind, start=0, end=1, quote=f"quote {claim_id}", prefix="",
                 suffix="", page=None, fields=fields, status="unverified", origin="manual", confidence=None,
                 author="a", created_at="", updated_at="", anchor_state="ok")


FAKE_CLAIMS = [
    _claim(1, "target", {"quantity": "120", "unit": "stations", "deadline": "2028"}, document_id=1),
    _claim(2, "statistic", {"value": "27", "unit": "stations", "as_of": "2025"}, document_id=1),
    _claim(3, "statistic", {"value": "45", "unit": "stations", "as_of": "2025-12-31"}, document_id=2),
    _claim(4, "funding", {"amount": "12400000000", "currency": "KZT", "period": "2026"}, document_id=1),
]
DOCUMENTS = {1: ("Rural clinics release", "2026-03-14"), 2: ("Ministry digest", "2026-01-20")}
LINKS = [Link(2, 3, "conflicts", "27 vs 45 stations in 2025"), Link(1, 3, "progress", "45 of 120")]


def _summaries():
    subject = Subject(1, "Rural clinic programme", "rural clinic programme", "programme", ("Zhanaqala clinics",))
    stations = Measure(10, 1, "stations", "stations", "count", "stations")
    budget = Measure(11, 1, "budget", "budget", "currency", "KZT")
    other = Subject(2, "City roads", "city roads", "project")
    return [SubjectSummary(subject, [MeasureSummary(stations, 3, 1), MeasureSummary(budget, 1, 0)], 4),
            SubjectSummary(other, [], 0)]


class FakeSource:
    def __init__(self):
        self.asked: list[int] = []

    def list_subjects(self):
        return _summaries()

    def timeline(self, measure_id):
        self.asked.append(measure_id)
        claims = [c for c in FAKE_CLAIMS if (c.kind == "funding") == (measure_id == 11)]
        return figures_of(claims, DOCUMENTS, KINDS), LINKS


def test_the_tab_models_pass_the_model_tester(qtmodeltester):
    subjects = SubjectsModel()
    subjects.set_subjects(_summaries())
    qtmodeltester.check(subjects)
    first = subjects.index(0, 0)
    assert [subjects.index(r, 0, first).data(Qt.ItemDataRole.UserRole) for r in range(3)] == [
        (MEASURE, 10), (MEASURE, 11), (ALIAS, (1, "Zhanaqala clinics"))]
    assert subjects.index(0, 2).data() == "⚠ 1" and subjects.index(1, 2).data() == ""
    figures = FiguresModel()
    figures.set_figures(figures_of(FAKE_CLAIMS, DOCUMENTS, KINDS), LINKS)
    qtmodeltester.check(figures)
    assert figures.rowCount() == 4
    row = figures.row_of(2)
    assert figures.index(row, 5).data() == "⚠ conflicts #3"
    assert figures.index(row, 0).data() == "as of 2025"


def test_figures_take_their_reference_period_and_fall_back_to_the_release_date():
    undated = _claim(5, "statistic", {"value": "3"}, document_id=2)
    figures = {f.claim_id: f for f in figures_of(FAKE_CLAIMS + [undated], DOCUMENTS, KINDS)}
    assert (figures[1].start, figures[1].end, figures[1].period_source) == (dt.date(2028, 1, 1),
                                                                          dt.date(2028, 12, 31), "deadline")
    assert figures[3].start == figures[3].end == dt.date(2025, 12, 31)
    assert figures[5].period_source == "published" and figures[5].start == dt.date(2026, 1, 20)
    assert figures[1].published == dt.date(2026, 3, 14) and figures[4].value == 12.4e9


def test_timeline_draws_targets_as_lines_statistics_as_points_and_marks_the_conflict(qtbot):
    timeline = Timeline()
    qtbot.addWidget(timeline)
    timeline.resize(700, 300)
    timeline.today = dt.date(2020, 1, 1)  # no "today" line crossing the picture
    figures = figures_of([c for c in FAKE_CLAIMS if c.kind != "funding"], DOCUMENTS, KINDS)
    timeline.set_figures(figures, LINKS + [Link(2, 99, "conflicts")], "Rural clinic programme › stations")
    assert [(link.first, link.second) for link in timeline.links] == [(2, 3), (1, 3)]  # both ends shown only
    begin, end = timeline.target_line(1)
    assert begin.y() == end.y() and begin.x() < end.x()  # horizontal, from the release up to the deadline
    assert begin.x() == pytest.approx(timeline.x_of(dt.date(2026, 3, 14)))
    assert end.x() == pytest.approx(timeline.x_of(dt.date(2028, 12, 31)))
    first, second = timeline.anchor_of(2), timeline.anchor_of(3)
    assert first.x() < second.x() < begin.x()  # 2025 (mid-year) before 31 Dec 2025, before the 2026 release
    assert end.y() < second.y() < first.y()  # 120 above 45 above 27
    assert timeline.target_line(2) is None
    assert _red_near(timeline, second, range(8, 12), range(-2, 3)), "the conflicting figure has no red ring"
    assert not _red_near(timeline, end, range(8, 12), range(-2, 3)), "a figure in no conflict is ringed red"
    middle = (first + second) / 2
    assert not _red_near(timeline, middle, range(-8, 9), range(-60, 0))  # a faint link, no badge yet
    timeline.set_current(2)  # the chosen figure's conflict is drawn in full, with its badge
    assert _red_near(timeline, middle, range(-8, 9), range(-60, 0)), "no red conflict badge"
    with qtbot.waitSignal(timeline.figureActivated) as clicked:
        qtbot.mouseClick(timeline, Qt.MouseButton.LeftButton, pos=second.toPoint())
    assert clicked.args == [3] and timeline.current == 3
    timeline.setFocus()
    qtbot.keyClick(timeline, Qt.Key.Key_Left)
    assert timeline.current == 2
    assert "conflicts #3" in timeline.tooltip_of(2) and "Ministry digest" in timeline.tooltip_of(3)


def _red_near(widget, point, xs, ys) -> bool:
    image = widget.grab().toImage()
    colours = [QColor(image.pixel(int(point.x()) + dx, int(point.y()) + dy)) for dx in xs for dy in ys]
    return any(c.red() > 180 and c.green() < 90 and c.blue() < 90 for c in colours)


def test_undated_figures_stand_in_a_column_right_of_the_time_axis(qtbot):
    undated = _claim(5, "statistic", {"value": "30"}, document_id=3)
    figures = figures_of(FAKE_CLAIMS[:2] + [undated], DOCUMENTS, KINDS)
    assert [(f.claim_id, f.period_source, f.period_text) for f in figures][-1] == (5, "undated", "undated")
    timeline = Timeline()
    qtbot.addWidget(timeline)
    timeline.resize(700, 300)
    timeline.set_figures(figures, [])
    line_end = timeline.target_line(1)[1]
    assert timeline.anchor_of(5).x() > line_end.x() + 20 and timeline.anchor_of(5).x() < 700


def test_the_pane_shows_a_measure_and_a_chosen_figure_asks_for_its_claim(qtbot):
    source = FakeSource()
    pane = SubjectsPane(source)
    qtbot.addWidget(pane)
    pane.resize(1000, 400)
    pane.show()
    qtbot.waitExposed(pane)
    assert pane.model.rowCount() == 2 and pane.timeline.figures == []
    assert pane.select_measure(10)
    assert source.asked == [10] and {f.claim_id for f in pane.timeline.figures} == {1, 2, 3}
    assert "stations" in pane.timeline.title
    with qtbot.waitSignal(pane.claimActivated) as chosen:
        pane.figure_table.setFocus()
        pane.figure_table.selectRow(pane.figures.row_of(3))
    assert chosen.args == [3] and pane.timeline.current == 3
    pane.tree.selectionModel().clearSelection()
    first = pane.model.index(0, 0)
    pane.tree.selectionModel().select(first, pane.tree.selectionModel().SelectionFlag.Select
                                      | pane.tree.selectionModel().SelectionFlag.Rows)
    pane.tree.selectionModel().select(pane.model.index(1, 0), pane.tree.selectionModel().SelectionFlag.Select
                                      | pane.tree.selectionModel().SelectionFlag.Rows)
    assert pane.selected_nodes() == [(SUBJECT, 1), (SUBJECT, 2)]


# -- in the window, on a real project -----------------------------------------------------

QUOTES = ("12.4 billion tenge", "120 medical stations", "27 new feldsher-midwife stations", "about 640 thousand")


def _project_claims(project):
    import_paths(project, [SAMPLES / "01-rural-clinics.txt"])
    text = project.db.execute("SELECT text FROM documents").fetchone()[0]
    kinds = ("funding", "target", "statistic", "statistic")
    fields = ({"amount": "12400000000", "currency": "KZT", "period": "2026"},
              {"quantity": "120", "unit": "medical stations", "deadline": "2028"},
              {"value": "27", "unit": "stations", "as_of": "2025"}, {"value": "640000", "unit": "people"})
    return [claim_ops.apply_command(project, CreateClaim(1, kind, text.index(q), text.index(q) + len(q), values),
                                    actor="alice").claim_id for kind, q, values in zip(kinds, QUOTES, fields)]


def _open_assign(qtbot, window, claim_id):
    window.open_claim(claim_id)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: window.subjects.dialog is not None and window.subjects.dialog.isVisible())
    dialog = window.subjects.dialog
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def _type(qtbot, line_edit, text):
    line_edit.selectAll()
    qtbot.keyClicks(line_edit, text)
    line_edit.completer().popup().hide()


def test_assigning_a_measure_by_keyboard_is_one_undoable_step(qtbot, project, make_window):
    from claimdesk.ops import subjects as subject_ops

    ids = _project_claims(project)
    window = make_window(project)
    window.open_claim(ids[1])
    assert "no subject yet" in window.editor.about.text()
    dialog = _open_assign(qtbot, window, ids[1])
    _type(qtbot, dialog.subject, "Rural clinic programme")
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Tab)
    assert dialog.measure.hasFocus() and "new subject" in dialog.hint.text()
    _type(qtbot, dialog.measure, "medical stations")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    subject, measure, link = subject_ops.link_of(project, ids[1])
    assert (subject.name, measure.name, link.state, link.source) == ("Rural clinic programme", "medical stations",
                                                                     "confirmed", "analyst")
    assert "Rural clinic programme" in window.editor.about.text()

    dialog = _open_assign(qtbot, window, ids[2])  # type-ahead: part of the name, then pick the completion
    qtbot.keyClicks(dialog.subject, "clinic")
    popup = dialog.subject.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.subject.text() == "Rural clinic programme"
    qtbot.keyClick(dialog.subject, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.measure, "medical")
    popup = dialog.measure.completer().popup()
    qtbot.waitUntil(popup.isVisible)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    assert dialog.choice().measure_id == measure.id and not dialog.unit_class.isEnabled()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.measure, Qt.Key.Key_Return)
    assert subject_ops.link_of(project, ids[2])[1].id == measure.id
    assert len(subject_ops.list_subjects(project)) == 1

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert subject_ops.link_of(project, ids[2]) is None and subject_ops.link_of(project, ids[1]) is not None
    combo = window.claims_pane.subject_filter
    assert combo.itemText(1) == "Rural clinic programme (1)"  # the filter's counts follow the undo
    assert "no subject yet" in window.editor.about.text()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert subject_ops.link_of(project, ids[2])[1].id == measure.id

    dialog = _open_assign(qtbot, window, ids[2])  # Alt+R: about nothing tracked; proposals leave it alone
    assert dialog.subject.text() == "Rural clinic programme" and dialog.measure.text() == "medical stations"
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    assert subject_ops.link_of(project, ids[2]) is None
    assert "no subject yet" in window.editor.about.text()


def test_the_tab_shows_the_claims_measure_with_its_conflict_and_opens_a_clicked_figure(qtbot, project, make_window):
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.store import relations as relations_repo

    ids = _project_claims(project)
    subject = subject_ops.find_or_add_subject(project, "Rural clinic programme")
    stations = subject_ops.find_or_add_measure(project, subject.id, "stations", "count")
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops.commands import run_command
    for claim_id in ids[1:3]:
        run_command(project, LinkClaimMeasure(claim_id, stations.id))
    with project.db.atomic():
        relations_repo.insert_relation(project.db, "conflicts", ids[1], ids[2], "test conflict", 0.9)
    window = make_window(project)
    window.open_claim(ids[1])
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    pane = window.subjects.pane
    assert window.lower_tabs.currentWidget() is pane
    reader_height, tabs_height = window.centre.sizes()
    assert tabs_height >= reader_height  # the timeline got room from the reader
    qtbot.waitUntil(lambda: pane.measure_id == stations.id)
    assert {f.claim_id for f in pane.timeline.figures} == {ids[1], ids[2]}
    assert [(link.kind, link.first, link.second) for link in pane.timeline.links] == [("conflicts", ids[1], ids[2])]
    anchor = pane.timeline.anchor_of(ids[2])
    qtbot.mouseClick(pane.timeline, Qt.MouseButton.LeftButton, pos=QPoint(int(anchor.x()), int(anchor.y())))
    assert window.current_claim_id == ids[2]
    assert pane.figure_table.currentIndex().row() == pane.figures.row_of(ids[2])
    window.reader.claimActivated.emit(ids[1])  # chosen in the reader: the tab follows
    assert window.current_claim_id == ids[1] and pane.timeline.current == ids[1]
    assert pane.figure_table.currentIndex().row() == pane.figures.row_of(ids[1])


def test_the_claims_table_filters_by_subject(qtbot, project, make_window):
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.ops.commands import run_command

    ids = _project_claims(project)
    clinics = subject_ops.find_or_add_subject(project, "Rural clinic programme")
    region = subject_ops.find_or_add_subject(project, "Zhanaqala region", category="place")
    run_command(project, LinkClaimMeasure(ids[0], subject_ops.find_or_add_measure(project, clinics.id, "budget",
                                                                                    "currency").id))
    run_command(project, LinkClaimMeasure(ids[1], subject_ops.find_or_add_measure(project, clinics.id, "stations",
                                                                                    "count").id))
    run_command(project, LinkClaimMeasure(ids[3], subject_ops.find_or_add_measure(project, region.id, "population",
                                                                                    "count").id))
    window = make_window(project)
    combo = window.claims_pane.subject_filter
    assert [combo.itemText(i) for i in range(combo.count())] == ["All subjects", "Rural clinic programme (2)",
                                                                 "Zhanaqala region (1)"]
    assert sorted(window.claims_model.ids) == sorted(ids)
    combo.setCurrentIndex(combo.findData(clinics.id))
    qtbot.waitUntil(lambda: sorted(window.claims_model.ids) == sorted(ids[:2]))
    combo.setCurrentIndex(combo.findData(region.id))
    qtbot.waitUntil(lambda: window.claims_model.ids == [ids[3]])
    combo.setCurrentIndex(0)
    qtbot.waitUntil(lambda: len(window.claims_model.ids) == len(ids))


def test_merging_two_subjects_from_the_tab_and_splitting_the_name_off_again(qtbot, project, make_window, dialogs):
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.ops.commands import run_command

    ids = _project_claims(project)
    keep = subject_ops.find_or_add_subject(project, "Rural clinic programme")
    other = subject_ops.find_or_add_subject(project, "Zhanaqala clinics")
    run_command(project, LinkClaimMeasure(ids[1], subject_ops.find_or_add_measure(project, keep.id, "stations",
                                                                                    "count").id))
    run_command(project, LinkClaimMeasure(ids[2], subject_ops.find_or_add_measure(project, other.id, "stations",
                                                                                    "count").id))
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    pane = window.subjects.pane
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    selection = pane.tree.selectionModel()
    flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
    selection.select(pane.model.index_of(SUBJECT, keep.id), flags)
    selection.select(pane.model.index_of(SUBJECT, other.id), selection.SelectionFlag.Select
                     | selection.SelectionFlag.Rows)
    qtbot.keyClick(pane.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 1)
    merged = subject_ops.list_subjects(project)
    assert [(s.subject.id, s.claim_count, len(s.measures)) for s in merged] == [(keep.id, 2, 1)]
    assert "Zhanaqala clinics" in merged[0].subject.aliases
    alias = pane.model.index_of(ALIAS, (keep.id, "Zhanaqala clinics"))
    assert alias.isValid()
    selection.select(alias, flags)
    qtbot.keyClick(pane.tree, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: pane.model.rowCount() == 2)
    names = sorted(s.subject.name for s in subject_ops.list_subjects(project))
    assert names == ["Rural clinic programme", "Zhanaqala clinics"]
    assert window.claims_pane.subject_filter.count() == 3
    assert pane.context_actions and all(a.isEnabled() for a in pane.context_actions)
    assert dialogs.errors == []


def test_the_screenshot_shows_a_measures_timeline(qtbot, tmp_path):
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.ops.commands import run_command
    from claimdesk.ops.projects import new_project
    from claimdesk.ui.screenshot import render

    path = tmp_path / "shot.claimdesk"
    with new_project(path) as project:
        ids = _project_claims(project)
        subject = subject_ops.find_or_add_subject(project, "Rural clinic programme")
        stations = subject_ops.find_or_add_measure(project, subject.id, "stations", "count")
        for claim_id in ids[1:3]:
            run_command(project, LinkClaimMeasure(claim_id, stations.id))
    out = tmp_path / "subjects.png"
    render(path, out, None, (1000, 700), stations.id)
    assert out.stat().st_size > 10000
    with pytest.raises(LookupError, match=f"no measure #{stations.id + 1}"):
        render(path, tmp_path / "none.png", None, (1000, 700), stations.id + 1)


@pytest.mark.parametrize("first, last", [(dt.date(2025, 1, 28), dt.date(2025, 1, 28)),  # axis from 29 Dec
                                         (dt.date(2025, 1, 1), dt.date(2025, 1, 1)),
                                         (dt.date(2019, 6, 1), dt.date(2031, 12, 31))])
def test_the_time_axis_of_any_span_is_drawn(qtbot, first, last):
    """A span starting in December once asked for month 13 inside paintEvent, which left the
    painter open and took the process down."""
    claims = [_claim(1, "statistic", {"value": "22", "as_of": first.isoformat()}),
              _claim(2, "statistic", {"value": "23", "as_of": last.isoformat()})]
    timeline = Timeline()
    qtbot.addWidget(timeline)
    timeline.resize(600, 240)
    timeline.set_figures(figures_of(claims, DOCUMENTS, KINDS), [])
    assert not timeline.grab().isNull()
    assert timeline.anchor_of(1).x() <= timeline.anchor_of(2).x()


def test_renaming_with_f2_and_merging_two_measures_from_the_tab(qtbot, project, make_window, dialogs):
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.ops.commands import run_command

    ids = _project_claims(project)
    subject = subject_ops.find_or_add_subject(project, "Rural clinic programme")
    stations = subject_ops.find_or_add_measure(project, subject.id, "stations", "count")
    posts = subject_ops.find_or_add_measure(project, subject.id, "feldsher posts", "count")
    run_command(project, LinkClaimMeasure(ids[1], stations.id))
    run_command(project, LinkClaimMeasure(ids[2], posts.id))
    window = make_window(project)
    qtbot.keyClick(window, Qt.Key.Key_6, Qt.KeyboardModifier.AltModifier)
    pane = window.subjects.pane
    qtbot.waitUntil(lambda: pane.model.index_of(MEASURE, stations.id).isValid())
    pane.select_measure(stations.id)
    pane.tree.setFocus()
    dialogs.texts.append("medical stations")
    qtbot.keyClick(pane.tree, Qt.Key.Key_F2)
    assert subject_ops.get_measure(project, stations.id).name == "medical stations"
    assert pane.model.index_of(MEASURE, stations.id).data() == "medical stations"
    selection = pane.tree.selectionModel()
    selection.select(pane.model.index_of(MEASURE, stations.id),
                     selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
    selection.select(pane.model.index_of(MEASURE, posts.id), selection.SelectionFlag.Select
                     | selection.SelectionFlag.Rows)
    qtbot.keyClick(pane.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert subject_ops.get_measure(project, stations.id) is None  # merged into the first in the list
    assert {c.id for c in subject_ops.claims_of_measure(project, posts.id)} == {ids[1], ids[2]}
    assert pane.model.index_of(MEASURE, posts.id).siblingAtColumn(1).data() == "2"
    selection.select(pane.model.index_of(MEASURE, posts.id),
                     selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows)
    qtbot.keyClick(pane.tree, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert "Select two or more" in window.statusBar().currentMessage() and dialogs.errors == []


def test_the_tab_built_on_first_choice_shows_the_subjects_and_follows_the_reader(qtbot, project, make_window):
    # the pane is built when its tab is first chosen (startup does not pay for it): chosen by a
    # click rather than Alt+6, it takes the tab's place, lists the subjects and follows claims
    from claimdesk.core.subjects_model import LinkClaimMeasure
    from claimdesk.ops import subjects as subject_ops
    from claimdesk.ops.commands import run_command

    ids = _project_claims(project)
    subject = subject_ops.find_or_add_subject(project, "Rural clinic programme")
    stations = subject_ops.find_or_add_measure(project, subject.id, "stations", "count")
    run_command(project, LinkClaimMeasure(ids[1], stations.id))
    window = make_window(project)
    tabs = window.lower_tabs
    index = [tabs.tabText(i) for i in range(tabs.count())].index("Subjects")
    assert window.claims_pane.subject_filter.findData(subject.id) >= 0  # the filter lists it without the pane
    changes = []
    tabs.currentChanged.connect(changes.append)
    tabs.setCurrentIndex(index)
    pane = window.subjects.pane
    assert tabs.currentWidget() is pane and tabs.indexOf(pane) == index and tabs.tabText(index) == "Subjects"
    assert changes == [index]  # putting the pane in its tab's place is not a second tab change
    qtbot.waitUntil(lambda: pane.model.index_of(MEASURE, stations.id).isValid())
    window.reader.claimActivated.emit(ids[1])
    qtbot.waitUntil(lambda: pane.measure_id == stations.id)
    assert pane.timeline.current == ids[1]
