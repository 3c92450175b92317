"""The reader page in AppTest: a deep link opens its plan and section; search lists every match."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cluster_map.core.i18n import t

READER = """
from cluster_map.ui.reader_page import reader_page
reader_page()
"""


def _reader(monkeypatch: pytest.MonkeyPatch, **query: str) -> AppTest:
    monkeypatch.delenv("CLUSTER_MAP_ITEMS", raising=False)
    app = AppTest.from_string(READER, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception, app.exception
    return app


def _query(app: AppTest) -> dict[str, str]:
    return {
        k: str(app.query_params[k][0] if isinstance(app.query_params[k], list) else app.query_params[k])
        for k in app.query_params
    }


def test_a_deep_link_opens_its_plan_and_section(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _reader(monkeypatch, doc="sti", section="三（三）", lang="en")
    assert app.title[0].value == "Hebei Science and Technology Innovation Plan for the 14th Five-Year Period"
    assert _query(app) == {"doc": "sti", "section": "三（三）", "lang": "en"}
    (section,) = [w for w in app.selectbox if w.label == t("reader_section", "en")]
    assert section.value == "三（三）"  # the sidebar shows where the link points


def test_search_lists_every_match_with_its_counts(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _reader(monkeypatch, q="唐山")
    from cluster_map.core.plan_text import plan_text
    from cluster_map.core.taxonomy import load_taxonomy

    taxonomy = load_taxonomy()
    total = sum(plan_text(d, taxonomy).text.count("唐山") for d in taxonomy.documents)
    assert app.subheader[0].value == t("reader_results", "zh", query="唐山", count=total)
    table = app.dataframe[0].value
    assert len(table) == total and table[t("field_sentence", "zh")].str.contains("唐山").all()


def test_an_unknown_plan_falls_back_to_the_first(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _reader(monkeypatch, doc="<script>", section="专栏99")
    assert _query(app) == {"doc": "sei"}
    assert "河北省战略性新兴产业" in app.title[0].value
    assert "doc=<script>" in app.text[0].value and "section=专栏99" in app.text[0].value  # said, as text


def test_every_table_row_links_to_its_first_passage_in_the_reader() -> None:
    from cluster_map.core.items import read_item_rows
    from cluster_map.core.taxonomy import load_taxonomy
    from cluster_map.ui.table import READ_COLUMN, records_table

    rows = read_item_rows()
    table = records_table(rows, lang="en", taxonomy=load_taxonomy())
    links = dict(zip(table[t("field_id", "en")], table[t(READ_COLUMN, "en")], strict=True))
    first = rows.loc[rows["id"] == "sei-b07-03", "mentions"].iloc[0][0]
    assert links["sei-b07-03"] == f"reader?doc={first.doc}&at={first.spans[0][0]}&lang=en"
    assert all(link.startswith("reader?doc=") for link in links.values())  # every item has a passage


def test_a_query_in_a_link_stays_text(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _reader(monkeypatch, q="[点我](http://example.com)")
    assert app.subheader[0].value.startswith("“\\[点我\\]\\(http\\://example\\.com\\)”")  # no live link


def test_an_offset_past_the_end_is_said_and_ignored(monkeypatch: pytest.MonkeyPatch) -> None:
    app = _reader(monkeypatch, doc="sti", at="99999999")
    assert "at=99999999" in app.text[0].value and _query(app) == {"doc": "sti"}
