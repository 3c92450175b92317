"""The app's download of the filtered records: the choices offered and a file name that says what.

The files themselves are made by :func:`cluster_map.export.export_bytes` (GeoJSON, GeoPackage,
Shapefile, KML, CSV in WGS84, CGCS2000 or GCJ-02); the choices come from its registry.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cluster_map.core.errors import UsageError
from cluster_map.core.filters import FilterSpec, spec_to_query
from cluster_map.core.i18n import Lang
from cluster_map.export import CRS_CHOICES, DEFAULT_STEM, FORMATS, export_file_name

__all__ = ["crs_options", "download_file", "download_stem", "format_options"]

_MAX_STEM = 120
_UNSAFE = re.compile(r'[\\/:*?"<>|\s,;]+')


def format_options(lang: Lang) -> dict[str, str]:
    """Format key -> label in ``lang``, GeoJSON first."""
    return {key: fmt.label(lang) for key, fmt in FORMATS.items()}


def crs_options(fmt: str, lang: Lang) -> dict[str, str]:
    """CRS key -> label in ``lang``, for the CRS that format ``fmt`` can be written in."""
    if fmt not in FORMATS:
        raise UsageError(f"format {fmt!r} is not known; use one of {list(FORMATS)}")
    return {key: CRS_CHOICES[key].label(lang) for key in FORMATS[fmt].crs_choices}


def download_stem(
    spec: FilterSpec, *, label_of: Callable[[str, str], str] | None = None, base: str = DEFAULT_STEM
) -> str:
    """The file name stem of a filtered view, in the words of its shareable URL.

    ``?sector=新能源&kind=key_project`` gives ``hebei_plan_items_sector-新能源_kind-key_project``;
    with ``label_of``, codes become names (``prefecture-唐山市``, not ``prefecture-130200``).
    Characters that file systems reject are replaced by ``-``.

    Parameters
    ----------
    spec
        The filter.
    label_of
        ``(url_key, value) -> name``; values are kept as they are without it.
    base
        The first part of the name (what the file holds).

    Returns
    -------
    The stem (the export adds the CRS tag and the suffix).
    """
    name = label_of or (lambda key, value: value)
    parts = [base]
    for key, values in spec_to_query(spec).items():
        shown = (name(key, v) if key != "q" else v for v in values)
        parts.append(f"{key}-" + "+".join(_UNSAFE.sub("-", v).strip("-") for v in shown))
    return "_".join(parts)[:_MAX_STEM].rstrip("-_+")


def download_file(
    spec: FilterSpec, *, fmt: str, crs: str, label_of: Callable[[str, str], str] | None = None
) -> tuple[str, str]:
    """``(file_name, mime)`` of the download, known before its bytes are made (on click)."""
    stem = download_stem(spec, label_of=label_of)
    return export_file_name(fmt=fmt, crs=crs, stem=stem), FORMATS[fmt].mime
