"""The map of a user's own rows: their points on the point layer, counts per county, a choropleth.

The rows travel inside the page (a ``data:`` URL of the binary columns), never as a file on the
server: one session's data is never served to another.
"""

from __future__ import annotations

import base64
from html import escape

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from cluster_map.core.i18n import Lang, t
from cluster_map.core.taxonomy import Taxonomy
from cluster_map.own.columns import ColumnRoles
from cluster_map.web.basemap_specs import BASEMAPS
from cluster_map.web.choropleth import classify
from cluster_map.web.context import MapContext
from cluster_map.web.leaflet import RuntimeLayer
from cluster_map.web.point_columns import PointColumns, point_columns
from cluster_map.web.point_map import build_point_map
from cluster_map.web.popups import records_popup_html

__all__ = ["build_own_map", "own_point_columns", "own_popup_html"]

_CHOROPLETH_COLORS = ("#fee5d9", "#fcae91", "#fb6a4a", "#de2d26", "#a50f15")
_CHOROPLETH_ORDER = 1  # under the boundaries' lines and the points


def own_point_columns(rows: pd.DataFrame, *, taxonomy: Taxonomy, system: str) -> PointColumns:
    """The placed own rows (``cm_lon``/``cm_lat``) as point columns, coloured by ``cm_sector``."""
    x, y = rows["cm_lon"].to_numpy(float), rows["cm_lat"].to_numpy(float)
    placed = np.isfinite(x) & np.isfinite(y)
    geometry = np.full(len(rows), None, dtype=object)
    geometry[placed] = shapely.points(x[placed], y[placed])
    records = gpd.GeoDataFrame(
        {
            "sector": rows["cm_sector"].to_numpy(object),
            "kind": "",
            "level": "",
            "county_code": rows["cm_county_code"].to_numpy(object),
            "prefecture_code": rows["cm_prefecture_code"].to_numpy(object),
        },
        geometry=geometry,
        crs="EPSG:4326",
    )
    return point_columns(records, taxonomy=taxonomy, system=system)  # type: ignore[arg-type]


def _row(label: str, value: object) -> str:
    return f"<tr><th>{escape(label)}</th><td>{escape(str(value))}</td></tr>" if str(value) else ""


def own_popup_html(row: pd.Series, *, roles: ColumnRoles, lang: Lang) -> str:
    """The popup of one own row: its name, address, industry, sector and where it was placed (escaped)."""
    placed_by = str(row["cm_placed_by"])
    where = "".join(str(row[c]) for c in ("cm_prefecture_zh", "cm_county_zh"))
    body = "".join(
        [
            _row(t("own_field_address", lang), row[roles.address]) if roles.address else "",
            _row(t("own_field_industry", lang), row[roles.industry]) if roles.industry else "",
            _row(t("field_sector", lang), row["cm_sector"] or t("own_no_sector", lang)),
            _row(t("own_field_place", lang), where),
            _row(t("own_field_placed_by", lang), t(f"own_placed_{placed_by or 'none'}", lang)),
            _row(t("own_field_evidence", lang), row["cm_evidence"]),
            _row(t("own_field_row", lang), row["cm_row"]),
        ]
    )
    name = str(row[roles.name]) if roles.name else t("own_row_title", lang, row=row["cm_row"])
    record = f'<div class="cm-record cm-own" data-own-row="{escape(str(row["cm_row"]))}">'
    return records_popup_html(
        [f'{record}<div class="cm-title">{escape(name)}</div><table>{body}</table></div>']
    )


def _choropleth(counts: dict[str, int], *, context: MapContext, system: str, lang: Lang) -> RuntimeLayer:
    classes = classify(counts, colors=list(_CHOROPLETH_COLORS))
    names = context.catalog.unit_names(lang)
    items = {
        code: {
            "fill": classes.color(counts.get(code, 0)),
            "tip": escape(
                t("own_choropleth_tip", lang, name=names.get(code, code), count=counts.get(code, 0))
            ),
        }
        for code in context.catalog.codes("county")
    }
    options = {
        "id": "own_choropleth",
        "zIndex": _CHOROPLETH_ORDER,
        "style": {"color": "#ffffff", "weight": 1, "fillOpacity": 0.6},
    }
    label = (
        f'<span class="cm-layer-name" data-layer="own_choropleth">{escape(t("own_choropleth", lang))}</span>'
    )
    url = context.boundary_urls[("county", system)]
    return RuntimeLayer("areas", [url, items, options], name=label, show=True)


def build_own_map(
    columns: PointColumns,
    *,
    context: MapContext,
    county_counts: dict[str, int],
    unit_points: dict[str, tuple[float, float]],
    lang: Lang,
    basemap: str,
    tianditu_key: str = "",
) -> folium.Map:
    """The own rows' map: the plan map's base and boundaries, the own points, a choropleth of counts."""
    data_url = "data:application/octet-stream;base64," + base64.b64encode(columns.to_bytes()).decode("ascii")
    choropleth = _choropleth(county_counts, context=context, system=BASEMAPS[basemap].system, lang=lang)
    return build_point_map(
        columns,
        context=context,
        file_url=data_url,
        unit_points=unit_points,
        lang=lang,
        basemap=basemap,
        tianditu_key=tianditu_key,
        extra_layers=[choropleth],
    )
