"""The JavaScript and CSS the map needs, served by the app itself (no CDN).

The files come from installed PyPI packages (Leaflet from ``django-js-lib-leaflet``, the marker
cluster plugin from ``xstatic-leaflet-markercluster``) and from this package's own ``static/``
folder (the small runtime ``cluster_map.js`` and its stylesheet). :func:`install_assets` copies them
into the app's ``static/`` folder, which Streamlit serves at ``/app/static/`` when
``server.enableStaticServing`` is on; :func:`asset_links` gives folium the matching local URLs.
"""

from __future__ import annotations

import filecmp
import hashlib
import importlib.util
import shutil
from dataclasses import dataclass
from pathlib import Path

from cluster_map.core.errors import DataError
from cluster_map.core.paths import PROJECT_ROOT

__all__ = [
    "ASSETS",
    "POINT_LAYER_SCRIPT",
    "STATIC_DIR",
    "STATIC_URL",
    "Asset",
    "asset_links",
    "install_assets",
]

#: The app's static folder (next to app.py; gitignored, filled at app start).
STATIC_DIR = PROJECT_ROOT / "static"
#: Where Streamlit serves STATIC_DIR.
STATIC_URL = "/app/static"
#: Where the assets go inside the static folder.
ASSET_SUBDIR = "vendor"


@dataclass(frozen=True)
class Asset:
    """One file to serve: the package (import name) that ships it, its path there, its name here."""

    package: str
    source: str
    target: str

    @property
    def kind(self) -> str:
        """``"js"``, ``"css"`` or ``"other"`` (images that a stylesheet refers to)."""
        suffix = Path(self.target).suffix
        return {".js": "js", ".css": "css"}.get(suffix, "other")


#: The point layer's script: only the map of a large dataset loads it.
POINT_LAYER_SCRIPT = "cluster_map/point_layer.js"
_LEAFLET = "static/js_lib_leaflet"
_CLUSTER = "data"
#: Every file the map loads, in load order (Leaflet before its plugin, then ours).
ASSETS: tuple[Asset, ...] = (
    Asset("js_lib_leaflet", f"{_LEAFLET}/leaflet.js", "leaflet/leaflet.js"),
    Asset("js_lib_leaflet", f"{_LEAFLET}/leaflet.css", "leaflet/leaflet.css"),
    *(
        Asset("js_lib_leaflet", f"{_LEAFLET}/images/{name}", f"leaflet/images/{name}")
        for name in (
            "layers.png",
            "layers-2x.png",
            "marker-icon.png",
            "marker-icon-2x.png",
            "marker-shadow.png",
        )
    ),
    Asset(
        "xstatic.pkg.leaflet_markercluster",
        f"{_CLUSTER}/leaflet.markercluster.js",
        "markercluster/leaflet.markercluster.js",
    ),
    Asset(
        "xstatic.pkg.leaflet_markercluster",
        f"{_CLUSTER}/MarkerCluster.css",
        "markercluster/MarkerCluster.css",
    ),
    Asset(
        "xstatic.pkg.leaflet_markercluster",
        f"{_CLUSTER}/MarkerCluster.Default.css",
        "markercluster/MarkerCluster.Default.css",
    ),
    Asset("cluster_map.web", "static/cluster_map.js", "cluster_map/cluster_map.js"),
    Asset("cluster_map.web", "static/point_layer.js", POINT_LAYER_SCRIPT),
    Asset("cluster_map.web", "static/cluster_map.css", "cluster_map/cluster_map.css"),
)


def _package_dir(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise DataError(
            f"package {package!r} is not installed; it ships the map's JavaScript/CSS: "
            "run `pip install -r requirements.txt`"
        )
    return Path(next(iter(spec.submodule_search_locations)))


def source_path(asset: Asset) -> Path:
    """Where the installed package keeps ``asset``."""
    path = _package_dir(asset.package) / asset.source
    if not path.is_file():
        raise DataError(f"{path}: {asset.source!r} missing from package {asset.package!r}; reinstall it")
    return path


def install_assets(static_dir: Path = STATIC_DIR, *, assets: tuple[Asset, ...] = ASSETS) -> list[Path]:
    """Copy the assets from the installed packages into ``static_dir``; idempotent.

    Parameters
    ----------
    static_dir
        The app's static folder; created when missing.
    assets
        The files to copy.

    Returns
    -------
    The files that were written (empty when every file was already up to date).
    """
    written: list[Path] = []
    for asset in assets:
        source = source_path(asset)
        target = static_dir / ASSET_SUBDIR / asset.target
        if target.is_file() and filecmp.cmp(source, target, shallow=False):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    return written


def asset_links(
    *, base_url: str = STATIC_URL, assets: tuple[Asset, ...] = ASSETS
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The local URLs of the scripts and stylesheets, as folium's ``default_js`` / ``default_css``.

    Parameters
    ----------
    base_url
        Where the static folder is served (``/app/static`` under Streamlit).
    assets
        The files.

    Returns
    -------
    ``(js, css)``: lists of ``(name, url)`` pairs in load order. Each URL ends in ``?v=`` and a
    short hash of the file, so a browser never keeps an old copy after an upgrade (Streamlit's
    static files carry no cache header).
    """
    base = base_url.rstrip("/")
    links: dict[str, list[tuple[str, str]]] = {"js": [], "css": []}
    for asset in assets:
        if asset.kind in links:
            digest = hashlib.sha256(source_path(asset).read_bytes()).hexdigest()[:10]
            links[asset.kind].append((asset.target, f"{base}/{ASSET_SUBDIR}/{asset.target}?v={digest}"))
    return links["js"], links["css"]
