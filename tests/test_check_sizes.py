""".ci/check_sizes.py: modules over 400 lines and functions over 60 are named; the package passes."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from cluster_map.core.paths import PROJECT_ROOT


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_sizes", PROJECT_ROOT / ".ci" / "check_sizes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


check_sizes = _load_script()


def _function(name: str, body_lines: int, *, indent: str = "") -> str:
    """A function of 1 + ``body_lines`` lines."""
    return f"{indent}def {name}():\n" + f"{indent}    x = 1\n" * body_lines


def test_a_function_of_61_lines_is_named_and_one_of_60_is_not(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(_function("fine", 59) + _function("long", 60), encoding="utf-8")
    assert list(check_sizes.size_problems(path)) == [
        f"{path}:61: function long() has 61 lines (at most 60); move steps into helpers"
    ]


def test_decorators_and_methods_count(tmp_path: Path) -> None:
    path = tmp_path / "m.py"
    path.write_text(
        "class C:\n    @staticmethod\n" + _function("method", 59, indent="    "), encoding="utf-8"
    )
    assert [p.split(": ", 1)[1] for p in check_sizes.size_problems(path)] == [
        "function method() has 61 lines (at most 60); move steps into helpers"
    ]


def test_a_module_of_401_lines_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "ok.py").write_text("x = 1\n" * 400, encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * 401, encoding="utf-8")
    assert check_sizes.main([str(tmp_path)]) == 1
    assert (
        capsys.readouterr().out
        == f"{tmp_path / 'big.py'}:1: module has 401 lines (at most 400); split it by concern\n"
    )


def test_a_missing_path_says_what_to_give() -> None:
    with pytest.raises(SystemExit, match="'no/such/dir' is neither a file nor a folder"):
        check_sizes.main(["no/such/dir"])
