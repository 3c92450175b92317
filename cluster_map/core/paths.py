"""Where the project's data files live (all under geodata/, beside the package)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
GEODATA_DIR = PROJECT_ROOT / "geodata"
BOUNDARY_DIR = GEODATA_DIR / "boundaries"
ITEMS_DIR = GEODATA_DIR / "items"
ITEM_CURATION_DIR = ITEMS_DIR / "curation"
GAZETTEER_DIR = GEODATA_DIR / "gazetteer"
SOURCES_DIR = GEODATA_DIR / "sources"
TAXONOMY_PATH = GEODATA_DIR / "taxonomy.toml"
NEIGHBOURS_PATH = GEODATA_DIR / "neighbours.toml"
LAYERS_DIR = PROJECT_ROOT / "layers"
ADMIN_UNITS_PATH = GEODATA_DIR / "admin_units.toml"
ZONES_PATH = GEODATA_DIR / "zones.toml"
