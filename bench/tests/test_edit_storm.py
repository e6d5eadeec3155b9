"""The edit storm's reading of the servers' render log against the edit times."""

from __future__ import annotations

from bench.edit_storm import Edit, Render, renders_explained


def test_a_render_begun_as_another_process_let_go_is_told_from_one_that_raced_an_edit() -> None:
    edits = [Edit(1, started=10.0, committed=10.05), Edit(2, started=11.0, committed=11.05)]
    renders = [
        Render("a", started=10.30, ms=40.0, page="home"),  # edit 1's render
        Render("b", started=10.35, ms=40.0, page="home"),  # 10 ms after a's ended: too many
        Render("a", started=11.02, ms=40.0, page="home"),  # raced edit 2: stored stale
        Render("b", started=11.07, ms=40.0, page="home"),  # edit 2's, due after the race
    ]
    assert renders_explained(renders, edits) == {
        "raced an edit (stored stale)": 1,
        "just after another's render": 1,
    }
