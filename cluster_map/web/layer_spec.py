"""The layer-file schema: one TOML file per layer in layers/, read and checked into :class:`LayerSpec`.

A layer file says what the layer draws (``type``), which records (``kinds``, ``levels``), from which
boundary file (``source``), how it looks (``style``, ``shape``, ``colors``), what its popup shows
(``popup``) and what the legend says (``name``, ``legend``). Adding a file adds a layer; no code.
This module imports no folium: :mod:`cluster_map.web.layers` makes the map elements of a spec.

Types:

``boundary``
    A boundary file drawn as lines (``source``: province, prefecture, county), optionally labelled
    (``labels = true``, from zoom ``label_min_zoom`` on), drawn (and fetched) only from zoom
    ``min_zoom`` on; ``select = "prefecture"`` (or ``"county"``) lets a click on a unit filter to it.
``reference``
    Context outside Hebei (``source = "neighbour"``): grey areas with their names, for the map
    without tiles.
``zones``
    The zone polygons (``source = "zone"``) of the items of ``kinds`` whose place is a whole zone.
``choropleth``
    The ``source`` units coloured by how many filtered items each holds (``colors``, light to dark).
``points``
    The items of ``kinds`` (and ``levels``) at each of their places, one ``shape`` coloured by sector;
    places that span several prefectures are left to the ``areas`` layer.
``areas``
    The items of ``kinds`` whose place spans several prefectures (a river basin, a bay) and is not a
    zone: each place drawn as its member prefectures (``source = "prefecture"``), coloured by sector.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cluster_map.core.errors import ValidationFailed
from cluster_map.core.i18n import LANGS
from cluster_map.core.paths import LAYERS_DIR
from cluster_map.web.popups import FIELDS
from cluster_map.web.symbols import SHAPES

__all__ = ["LAYER_TYPES", "SELECTABLE", "STYLE_KEYS", "LayerSpec", "load_layer_specs", "validate_layer_spec"]

LAYER_TYPES: tuple[str, ...] = ("boundary", "reference", "zones", "choropleth", "points", "areas")
#: Boundary layers whose units a click can choose as a filter (``select = "prefecture"``).
SELECTABLE: tuple[str, ...] = ("prefecture", "county")
#: Leaflet path options a layer's ``style`` may set.
STYLE_KEYS: frozenset[str] = frozenset(
    {"color", "weight", "opacity", "fill", "fillColor", "fillOpacity", "dashArray", "lineJoin"}
)
_KEYS: frozenset[str] = frozenset(
    {
        "type",
        "name",
        "order",
        "show",
        "source",
        "labels",
        "label_min_zoom",
        "min_zoom",
        "select",
        "kinds",
        "levels",
        "shape",
        "style",
        "colors",
        "popup",
        "legend",
    }
)
_HEX = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class LayerSpec:
    """One layer as its TOML file declares it (``id`` is the file name without ``.toml``)."""

    id: str
    type: str
    name: dict[str, str]
    order: int = 0
    show: bool = True
    source: str = ""
    labels: bool = False
    label_min_zoom: float = 0  # boundary labels appear from this zoom on
    min_zoom: float = 0  # the layer is drawn (and its file fetched) from this zoom on
    select: str = ""  # "prefecture" or "county": a click on a unit offers to filter to it
    kinds: tuple[str, ...] = ()
    levels: tuple[str, ...] = ()
    shape: str = "circle"
    style: dict[str, Any] = field(default_factory=dict)
    colors: Any = ()  # choropleth: list light -> dark; zones: zone id -> colour
    popup: tuple[str, ...] = FIELDS
    legend: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_mapping(cls, layer_id: str, data: Mapping[str, Any]) -> LayerSpec:
        """A spec from a parsed TOML table (validate it with :func:`validate_layer_spec`)."""
        values = {k: v for k, v in data.items() if k in _KEYS}
        for key in ("kinds", "levels", "popup"):
            if key in values:
                values[key] = tuple(values[key])
        return cls(id=layer_id, **values)


def _check_colors(spec: LayerSpec) -> list[str]:
    colors = spec.colors
    values = list(colors.values()) if isinstance(colors, Mapping) else list(colors)
    bad = [c for c in values if not (isinstance(c, str) and _HEX.fullmatch(c))]
    problems = [f"colors {bad} are not hex colours such as '#1f77b4'"] if bad else []
    if spec.type == "choropleth" and (isinstance(colors, Mapping) or len(values) < 2):
        problems.append("colors must be a list of at least two colours, light to dark")
    if spec.type == "zones" and not isinstance(colors, Mapping):
        problems.append("colors must be a table of zone id -> colour")
    return problems


def _check_source(spec: LayerSpec) -> list[str]:
    wanted = {
        "boundary": ("province", "prefecture", "county"),
        "reference": ("neighbour",),
        "zones": ("zone",),
        "choropleth": ("prefecture", "county"),
        "areas": ("prefecture",),
    }
    allowed = wanted.get(spec.type)
    if allowed and spec.source not in allowed:
        return [f"source {spec.source!r} does not suit type {spec.type!r}; use one of {list(allowed)}"]
    return []


def validate_layer_spec(
    spec: LayerSpec, *, kinds: Iterable[str] = (), levels: Iterable[str] = ()
) -> list[str]:
    """Every problem of one layer spec (empty when it is fine).

    Parameters
    ----------
    spec
        The spec.
    kinds, levels
        The values that exist (from the taxonomy); not checked when empty.

    Returns
    -------
    Messages that name the layer file and the bad value.
    """
    problems: list[str] = []
    if spec.type not in LAYER_TYPES:
        problems.append(f"type {spec.type!r} is not known; use one of {list(LAYER_TYPES)}")
    missing = [lang for lang in LANGS if not isinstance(spec.name, Mapping) or not spec.name.get(lang)]
    if missing:
        problems.append(f'name has no text for {missing}; write name = {{ zh = "...", en = "..." }}')
    problems += _check_source(spec)
    known_kinds, known_levels = set(kinds), set(levels)
    if known_kinds and set(spec.kinds) - known_kinds:
        problems.append(f"kinds {sorted(set(spec.kinds) - known_kinds)} are not in the taxonomy")
    if known_levels and set(spec.levels) - known_levels:
        problems.append(f"levels {sorted(set(spec.levels) - known_levels)} are not in the taxonomy")
    if spec.type in ("zones", "points", "areas") and not spec.kinds:
        problems.append("kinds is empty; list the record kinds the layer draws")
    if spec.type == "points" and spec.shape not in SHAPES:
        problems.append(f"shape {spec.shape!r} is not known; use one of {sorted(SHAPES)}")
    if set(spec.style) - STYLE_KEYS:
        problems.append(
            f"style keys {sorted(set(spec.style) - STYLE_KEYS)} are not known; use {sorted(STYLE_KEYS)}"
        )
    if set(spec.popup) - set(FIELDS):
        problems.append(
            f"popup fields {sorted(set(spec.popup) - set(FIELDS))} are not known; use {list(FIELDS)}"
        )
    if spec.type in ("zones", "choropleth"):
        problems += _check_colors(spec)
    if spec.select and (
        spec.type != "boundary" or spec.select not in SELECTABLE or spec.select != spec.source
    ):
        problems.append(
            f"select {spec.select!r} needs type 'boundary' with the same source; use one of {list(SELECTABLE)}"
        )
    return [f"layers/{spec.id}.toml: {p}" for p in problems]


def load_layer_specs(
    folder: Path = LAYERS_DIR, *, kinds: Iterable[str] = (), levels: Iterable[str] = ()
) -> list[LayerSpec]:
    """Read and validate every ``*.toml`` in ``folder``, in drawing order.

    Parameters
    ----------
    folder
        The layers folder.
    kinds, levels
        The taxonomy's values, to check the specs against.

    Returns
    -------
    The specs sorted by ``order`` then id; raises :class:`ValidationFailed` listing every problem.
    """
    specs: list[LayerSpec] = []
    problems: list[str] = []
    kinds, levels = tuple(kinds), tuple(levels)
    for path in sorted(Path(folder).glob("*.toml")):
        try:
            with open(path, "rb") as handle:
                data = tomllib.load(handle)
            unknown = sorted(set(data) - _KEYS)
            if unknown:
                problems.append(f"layers/{path.name}: keys {unknown} are not known; use {sorted(_KEYS)}")
            spec = LayerSpec.from_mapping(path.stem, data)
        except (tomllib.TOMLDecodeError, TypeError) as exc:
            problems.append(f"layers/{path.name}: cannot be read ({exc}); fix the TOML")
            continue
        problems += validate_layer_spec(spec, kinds=kinds, levels=levels)
        specs.append(spec)
    if not specs and not problems:
        problems.append(f"{folder}: no layer files (*.toml); the map needs at least one")
    if problems:
        raise ValidationFailed(problems)
    return sorted(specs, key=lambda s: (s.order, s.id))
