"""The edit storm's reading of the servers' render log against the edit times."""

from __future__ import annotations

import pytest

from bench.edit_storm import Edit, Render, SetupResult, renders_explained, report


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


@pytest.mark.parametrize(
    ("renders", "raced", "passes"), [(28, 0, True), (29, 1, True), (29, 0, False), (31, 2, False)]
)
def test_renders_per_edit_pass_with_the_ones_an_edit_raced_and_no_other(
    renders: int, raced: int, passes: bool
) -> None:
    result = SetupResult(
        setup="redis",
        quiet_rps=1000.0,
        storm_rps=900.0,
        ratio=0.9,
        quiet_p99_ms=3.0,
        storm_p99_ms=10.0,
        storm_cache={},
        edits=28,
        renders={"home": renders},
        renders_by_process={},
        renders_per_edit={"home": renders / 28},
        render_ms={"home": 20.0},
        bound_s=3.0,
        worst_lag_s={"home": 1.0},
        readings=100,
        versions_seen={"home": 28},
        renders_explained={
            "home": {"raced an edit (stored stale)": raced, "just after another's render": 0}
        },
    )
    (line,) = [line for line in report(result) if line.startswith("- renders of the home")]
    assert line.endswith("PASS" if passes else "FAIL"), line
