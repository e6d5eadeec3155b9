"""khabar.web.escaping gives Django's escaping for every value that is not lazy."""

from __future__ import annotations

from typing import Any

from django.utils import html as django_html
from django.utils.safestring import mark_safe
from hypothesis import given
from hypothesis import strategies as st

from khabar.web import escaping

values = st.one_of(
    st.text(),
    st.text().map(mark_safe),
    st.integers(),
    st.none(),
    st.sampled_from(['<a href="x">ي & ک</a>', "'quoted'", "&amp;"]),
)


@given(value=values)
def test_conditional_escape_is_djangos(value: Any) -> None:  # Django takes any value
    assert escaping.conditional_escape(value) == django_html.conditional_escape(value)


@given(value=st.one_of(st.text(), st.integers(), st.none()))
def test_escape_is_djangos(value: Any) -> None:
    assert escaping.escape(value) == django_html.escape(value)
