"""How good the keyword suggestions are: precision of the top five on 30 labelled articles
(10 per language, data/keyword_articles.json) with an empty archive, the worst case: no
keyword of the edition to recognise. `make keyword-quality` prints the table."""

from __future__ import annotations

import json
from pathlib import Path

from khabar.articles.suggestions import keyword_suggestions
from khabar.editions.models import Edition
from khabar.text.analysis import arabic_stem
from khabar.text.normalize import normalize

ARTICLES = json.loads((Path(__file__).parent / "data" / "keyword_articles.json").read_text())
TOP = 5
# Just under what the rules reach at the commit that set them (en 0.86, ar 0.73, fa 0.73,
# all 0.77): a change that makes the suggestions worse fails here. Arabic and Persian are
# weaker: without capitals, verbs and common nouns are hard to tell from names.
FLOORS = {"en": 0.85, "ar": 0.72, "fa": 0.72, "all": 0.76}


def _match_key(name: str) -> str:
    # `السعودية` labelled, `والسعودية` suggested: one keyword to an editor.
    return " ".join(arabic_stem(word) for word in normalize(name).split())


def test_the_top_five_suggestions_are_mostly_what_an_editor_chose(
    edition_ar: Edition, edition_fa: Edition, edition_en: Edition
) -> None:
    editions = {"ar": edition_ar, "fa": edition_fa, "en": edition_en}
    hits = {language: [0, 0] for language in (*editions, "all")}
    for article in ARTICLES:
        language = article["language"]
        suggested = keyword_suggestions(
            edition=editions[language],
            headline=article["headline"],
            lead=article["lead"],
            body=article["body"],
            limit=TOP,
        )
        chosen = {_match_key(name) for name in article["keywords"]}
        right = sum(_match_key(s.name) in chosen for s in suggested)
        for key in (language, "all"):
            hits[key][0] += right
            hits[key][1] += len(suggested)
    precision = {key: right / max(total, 1) for key, (right, total) in hits.items()}
    print(f"\nKeyword suggestions, precision of the top {TOP} on {len(ARTICLES)} articles")
    print("language  precision  right/suggested")
    for key, (right, total) in hits.items():
        print(f"{key:8}  {precision[key]:9.2f}  {right}/{total}")
    for key, floor in FLOORS.items():
        assert precision[key] >= floor, f"{key}: {precision[key]:.2f} < {floor}"
