"""Every re-anchoring outcome: unchanged, insertions before, edits inside, deletion,
and a duplicate of the quote elsewhere."""

from claimdesk.core.anchoring import ANCHORED, CHANGED, MOVED, ORPHANED, reanchor
from claimdesk.core.claims import quote_selector

OLD = ("The ministry reported on Monday. The Special State Fund has allocated 1.3 billion tenge to "
       "complete the overhaul of the district hospital. Work will end in 2027.")
QUOTE = "has allocated 1.3 billion tenge"


def _anchor(new_text, old_text=OLD, quote=QUOTE):
    start = old_text.index(quote)
    exact, prefix, suffix = quote_selector(old_text, start, start + len(quote))
    return reanchor(new_text, start, start + len(quote), exact, prefix, suffix, len(old_text))


def test_unchanged_text_keeps_the_position():
    anchor = _anchor(OLD)
    assert (anchor.state, OLD[anchor.start:anchor.end]) == (ANCHORED, QUOTE)


def test_an_insertion_before_the_span_moves_it():
    new = "UPDATED. " + OLD
    anchor = _anchor(new)
    assert anchor.state == MOVED and new[anchor.start:anchor.end] == QUOTE


def test_an_edit_inside_the_span_is_changed_not_lost():
    new = OLD.replace("1.3 billion", "1.4 billion")
    anchor = _anchor(new)
    assert anchor.state == CHANGED and new[anchor.start:anchor.end] == "has allocated 1.4 billion tenge"


def test_a_rewritten_sentence_is_found_approximately():
    new = OLD.replace("The Special State Fund has allocated 1.3 billion tenge to complete",
                      "As announced, the fund has now allocated 1.3 billion tenge in order to complete")
    anchor = _anchor(new)
    assert anchor.state == CHANGED and "allocated 1.3 billion tenge" in new[anchor.start:anchor.end]


def test_a_deleted_span_is_orphaned():
    new = "The ministry reported on Monday. Work will end in 2027."
    assert _anchor(new).state == ORPHANED


def test_a_duplicate_quote_elsewhere_is_told_apart_by_its_context():
    old = "Akmola: the fund has allocated 2 billion tenge. Abai: the budget has allocated 2 billion tenge."
    quote = "has allocated 2 billion tenge"
    second = old.rindex(quote)
    exact, prefix, suffix = quote_selector(old, second, second + len(quote))
    new = "News. " + old
    anchor = reanchor(new, second, second + len(quote), exact, prefix, suffix, len(old))
    assert anchor.state == MOVED and new[anchor.start - 11:anchor.start] == "the budget "
