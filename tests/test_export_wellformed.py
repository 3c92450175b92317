"""Every export is well-formed: control characters, lone surrogates and an empty result read back."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pyogrio
import pytest
from export_records import export_rows, small_inputs

from cluster_map.export import FORMATS, export_bytes
from cluster_map.export.kml import EMPTY_FOLDER, xml_text

# name, text in the note (and a mention's sentence), what a reader gets back
TEXTS = [
    ("word line break", "第一行\x0b第二行", "第一行\n第二行"),
    ("form feed", "a\x0cb", "a\nb"),
    ("C0 controls", "a\x00b\x01c\x08d\x1fe", "abcde"),
    ("tab lf cr kept", "a\tb\nc", "a\tb\nc"),
    ("non-characters", "a\ufffeb\uffffc", "abc"),
    ("lone surrogate", "a\ud800b", "a\ufffdb"),
]


@pytest.fixture(scope="module")
def inputs() -> dict[str, object]:
    return small_inputs()


@pytest.fixture(scope="module")
def rows():
    return export_rows()


def _layers(path: Path | str) -> list[str]:
    return [name for name, _ in pyogrio.list_layers(path)]


def _notes(path: Path) -> list[str]:
    return [n for layer in _layers(path) for n in pyogrio.read_dataframe(path, layer=layer)["note_en"]]


def _with_note(rows, text: str):
    """The rows, the first item's note and its first mention's sentence holding ``text``."""
    frame = rows.copy()
    frame["note_en"] = frame["note_en"].astype(object)  # a str column cannot hold a lone surrogate
    frame.loc[0, "note_en"] = text
    first, *others = frame.loc[0, "mentions"]
    frame.at[0, "mentions"] = (first._replace(sentence=text), *others)
    return frame


@pytest.mark.parametrize(("text", "expected"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_xml_text(text, expected):
    assert xml_text(text.replace("\ud800", "\ufffd")) == expected.replace("\ufffd", "\ufffd")


@pytest.mark.parametrize(("text", "expected"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_kml_with_any_text_is_read_by_gdal(rows, inputs, tmp_path, text, expected):
    path = tmp_path / "out.kml"
    path.write_bytes(export_bytes(_with_note(rows, text), fmt="kml", **inputs).data)
    assert expected in _notes(path)
    mentions = [m for layer in _layers(path) for m in pyogrio.read_dataframe(path, layer=layer)["mentions"]]
    assert any(m.startswith(f"sei 专栏7: {expected}\n") for m in mentions)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "shp", "csv"])
@pytest.mark.parametrize(("text", "expected"), [t[1:] for t in TEXTS], ids=[t[0] for t in TEXTS])
def test_other_formats_with_any_text(rows, inputs, tmp_path, fmt, text, expected):
    data = export_bytes(_with_note(rows, text), fmt=fmt, **inputs).data
    raw = text.replace("\ud800", "\ufffd").replace("\x00", "")  # but what UTF-8 and GDAL cannot hold
    if fmt == "geojson":
        properties = json.loads(data.decode("utf-8"))["features"][0]["properties"]
        assert properties["note_en"] == raw and properties["mentions"][0]["sentence"] == raw
    elif fmt == "csv":
        assert raw.replace("\r", "") in data.decode("utf-8-sig").replace("\r", "")
    else:
        path = tmp_path / f"out{FORMATS[fmt].suffix}"
        path.write_bytes(data)
        layer = "items" if fmt == "gpkg" else None
        source = f"/vsizip/{path}/items_wgs84.shp" if fmt == "shp" else path
        assert pyogrio.read_dataframe(source, layer=layer)["note_en"][0] == raw
        if fmt == "gpkg":
            assert pyogrio.read_dataframe(path, layer="mentions")["sentence"][0] == raw
        else:
            sentences = zipfile.ZipFile(path).read("mentions_wgs84.csv").decode("utf-8-sig")
            assert raw.replace("\r", "") in sentences.replace("\r", "")


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_an_empty_result_opens(rows, inputs, tmp_path, fmt):
    path = tmp_path / f"empty{FORMATS[fmt].suffix}"
    path.write_bytes(export_bytes(rows.iloc[:0], fmt=fmt, **inputs).data)
    if fmt == "shp":
        with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as archive:
            assert {"items_wgs84.shp", "mentions_wgs84.csv"} <= set(archive.namelist())
        path = f"/vsizip/{path}/items_wgs84.shp"
    layer = _layers(path)[0] if fmt != "gpkg" else "items"
    assert len(pyogrio.read_dataframe(path, layer=layer)) == 0
    if fmt == "gpkg":
        assert len(pyogrio.read_dataframe(path, layer="mentions")) == 0
    if fmt == "kml":
        assert _layers(path) == [EMPTY_FOLDER]
