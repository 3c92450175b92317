"""The layer-file schema stands apart from folium; every layer type has a runtime function."""

from __future__ import annotations

import subprocess
import sys

from cluster_map.web import layers
from cluster_map.web.layer_spec import LAYER_TYPES


def test_the_schema_imports_no_folium():
    code = "import sys, cluster_map.web.layer_spec; print('folium' in sys.modules, 'branca' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_every_layer_type_has_a_runtime_function():
    assert set(layers._RUNTIME_FUNCTIONS) == set(LAYER_TYPES)
