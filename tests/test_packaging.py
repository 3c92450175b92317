"""The package as installed: its console script, its declared dependencies, and app.py's imports."""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from cluster_map.core.paths import PROJECT_ROOT

PYPROJECT = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
CONSOLE_SCRIPT = Path(sys.executable).with_name("cluster-map")


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement line (``XStatic-Leaflet==1`` -> ``xstatic-leaflet``)."""
    return re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0].strip().lower().replace("_", "-")


def _pins(path: Path) -> dict[str, str]:
    """Name -> version of the ``name==version`` lines of a requirements file."""
    lines = [line.split("#")[0].strip() for line in path.read_text(encoding="utf-8").splitlines()]
    return {_name(line): line.split("==")[1] for line in lines if "==" in line}


def _help(command: list[str]) -> str:
    # PYTHONPATH: both read this checkout's cluster_map, wherever the editable install points.
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "COLUMNS": "100"}
    done = subprocess.run([*command, "--help"], capture_output=True, text=True, env=env, check=True)
    return done.stdout


@pytest.mark.skipif(not CONSOLE_SCRIPT.exists(), reason="run `pip install -e .` for the cluster-map script")
def test_console_script_is_python_m_cluster_map():
    assert PYPROJECT["project"]["scripts"]["cluster-map"] == "cluster_map.cli:main"
    assert _help([str(CONSOLE_SCRIPT)]) == _help([sys.executable, "-m", "cluster_map"])


def test_runtime_dependencies_are_the_pinned_runtime():
    """pyproject's dependencies name exactly requirements.txt's pins, and each pin meets its bound."""
    pins = _pins(PROJECT_ROOT / "requirements.txt")
    declared = {_name(r): r for r in PYPROJECT["project"]["dependencies"]}
    assert set(declared) == set(pins)
    for name, requirement in declared.items():
        lowest = requirement.split(">=")[1]
        pinned = tuple(int(part) for part in pins[name].split("."))
        assert pinned >= tuple(int(part) for part in lowest.split(".")), (name, pins[name], requirement)


def test_dev_requirements_pin_the_build_extra():
    pins = _pins(PROJECT_ROOT / "requirements-dev.txt")
    assert {_name(r) for r in PYPROJECT["project"]["optional-dependencies"]["build"]} <= set(pins)


def test_app_does_not_import_the_build():
    """import-linter cannot see app.py (not a package): only the command line builds data."""
    tree = ast.parse((PROJECT_ROOT / "app.py").read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]
    assert not [name for name in imported if name.startswith("cluster_map.build")]
