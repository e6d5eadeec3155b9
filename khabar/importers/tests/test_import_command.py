from __future__ import annotations

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from khabar.articles import limits
from khabar.articles.models import Article

DATA = Path(__file__).parent / "data"
SAMPLE_PATH = DATA / "sample_ar_14027.txt"
SAMPLE = SAMPLE_PATH.read_text(encoding="utf-8")


def run(*args: str) -> tuple[str, CommandError | None]:
    """The command's output, and the CommandError it ended with, if any."""
    out = StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=StringIO())
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


@pytest.mark.django_db
def test_a_good_file_is_imported_and_a_broken_one_is_named_then_the_command_fails(
    tmp_path: Path,
) -> None:
    broken = tmp_path / "broken.txt"
    broken.write_bytes(SAMPLE.encode("cp1256", errors="ignore"))

    output, error = run("--edition", "ar", str(broken), str(SAMPLE_PATH))

    assert error is not None
    assert "1 failed" in str(error)
    assert f"FAILED {broken}: not UTF-8 text" in output
    assert f"created ar/14027 {SAMPLE_PATH}" in output
    assert "2 files: 1 created, 0 unchanged, 0 updated, 0 conflicts, 1 failed" in output
    assert Article.objects.filter(code=14027).exists()


@pytest.mark.django_db
def test_a_directory_is_imported_recursively_in_sorted_order(tmp_path: Path) -> None:
    (tmp_path / "b" / "c").mkdir(parents=True)
    shutil.copy(SAMPLE_PATH, tmp_path / "b" / "c" / "1.txt")
    (tmp_path / "a.txt").write_text(SAMPLE.replace("۱۴۰۲۷", "۹"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not a page", encoding="utf-8")

    output, error = run("--edition", "ar", str(tmp_path))

    assert error is None

    lines = output.splitlines()
    assert lines[0] == f"created ar/9 {tmp_path / 'a.txt'}"
    assert lines[1] == f"created ar/14027 {tmp_path / 'b' / 'c' / '1.txt'}"
    assert lines[2].startswith("2 files: 2 created")


@pytest.mark.django_db
def test_a_second_run_reports_unchanged_and_succeeds() -> None:
    run("--edition", "ar", str(SAMPLE_PATH))

    output, error = run("--edition", "ar", str(SAMPLE_PATH))

    assert error is None
    assert f"unchanged ar/14027 {SAMPLE_PATH}" in output


@pytest.mark.django_db
def test_a_conflict_fails_the_run_until_update_is_given(tmp_path: Path) -> None:
    run("--edition", "ar", str(SAMPLE_PATH))
    changed = tmp_path / "changed.txt"
    changed.write_text(SAMPLE.replace("أكد امين", "قال امين"), encoding="utf-8")

    output, error = run("--edition", "ar", str(changed))
    assert error is not None
    assert "1 conflicts" in str(error)
    assert "re-run with --update to overwrite" in output

    output, error = run("--edition", "ar", "--update", str(changed))
    assert error is None
    assert f"updated ar/14027 {changed}" in output
    assert Article.objects.get(code=14027).lead.startswith("قال امين")


@pytest.mark.django_db
def test_a_missing_path_fails_after_the_other_files_are_imported(tmp_path: Path) -> None:
    output, error = run("--edition", "ar", str(tmp_path / "nope.txt"), str(SAMPLE_PATH))

    assert error is not None
    assert f"FAILED {tmp_path / 'nope.txt'}: no such file" in output
    assert Article.objects.filter(code=14027).exists()


@pytest.mark.django_db
def test_an_unknown_edition_is_refused_naming_the_known_ones() -> None:
    _output, error = run("--edition", "xx", str(SAMPLE_PATH))

    assert str(error) == "unknown edition 'xx'; known editions: fa, ar, en"


@pytest.mark.django_db
def test_a_page_past_a_field_limit_is_named_with_the_field_and_limit_and_the_rest_imported(
    tmp_path: Path,
) -> None:
    lead = SAMPLE.splitlines()[2]
    huge = tmp_path / "huge.txt"
    huge.write_text(
        SAMPLE.replace("۱۴۰۲۷", "۷").replace(lead, " ".join([lead] * 100)), encoding="utf-8"
    )

    output, error = run("--edition", "ar", str(huge), str(SAMPLE_PATH))

    assert error is not None
    [failed] = [line for line in output.splitlines() if line.startswith("FAILED")]
    assert failed.startswith(f"FAILED {huge}: lead: ")
    assert f"{limits.LEAD_MAX:,}" in failed
    assert f"created ar/14027 {SAMPLE_PATH}" in output
    assert list(Article.objects.values_list("code", flat=True)) == [14027]


@pytest.mark.django_db
def test_messages_are_in_english_whatever_the_sites_language(tmp_path: Path) -> None:
    """The site's default language is Persian; an Arabic import once reported in Persian."""
    bad = tmp_path / "bad.txt"
    bad.write_text(SAMPLE.replace("شمخاني ، السورية", "شمخاني ، ـــ"), encoding="utf-8")
    long = tmp_path / "long.txt"
    long.write_text(
        SAMPLE.replace("۱۴۰۲۷", "۷").replace(
            "تأريخ النشر", "العنوان: " + "ب" * 301 + "\nتأريخ النشر"
        ),
        encoding="utf-8",
    )

    output, _error = run("--edition", "ar", str(bad), str(long))

    assert f"FAILED {bad}: keywords: A keyword needs at least one letter or digit." in output
    assert (
        f"FAILED {long}: headline: The headline is at most 300 characters long; this one has 301."
        in output
    )
    assert translation.get_language() == "fa"  # and the language is back as it was


@pytest.mark.django_db
def test_an_invisible_only_keyword_is_dropped_with_a_warning_and_the_page_imported(
    tmp_path: Path,
) -> None:
    path = tmp_path / "rlm.txt"
    path.write_text(
        SAMPLE.replace("شمخاني ، السورية", "شمخاني ، \u200f\u200b ، السورية"), encoding="utf-8"
    )

    output, error = run("--edition", "ar", str(path))

    assert error is None
    assert f"created ar/14027 {path}" in output
    assert (
        f"warning {path}: keyword 2 has only invisible characters (U+200F U+200B); dropped"
        in output
    )
    article = Article.objects.get(code=14027)
    assert [k.name for k in article.keywords.order_by("articlekeyword__position")] == [
        "شمخاني",
        "السورية",
        "تجهيزهم",
    ]


@pytest.mark.django_db
def test_a_news_code_past_the_databases_largest_is_reported_as_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(SAMPLE.replace("۱۴۰۲۷", str(2**63)), encoding="utf-8")

    output, _error = run("--edition", "ar", str(path))

    assert f"FAILED {path}: news code '{2**63}' is too large" in output
