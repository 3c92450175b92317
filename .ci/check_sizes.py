"""Fail when a module of the package (or app.py) is over 400 lines or a function over 60.

Usage: ``python .ci/check_sizes.py [PATH ...]`` (default: ``cluster_map/`` and ``app.py``, from the
repository root). Prints one ``path:line: what is too long`` per finding and exits 1 when there is any.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
DEFAULT_PATHS = ("cluster_map", "app.py")


def python_files(paths: Sequence[str]) -> Iterator[Path]:
    """Every ``.py`` file named or under a named folder, sorted; a path that does not exist is an error."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.rglob("*.py"))
        elif path.is_file():
            yield path
        else:
            raise SystemExit(f"{name!r} is neither a file nor a folder; give paths from the repository root")


def size_problems(path: Path) -> Iterator[str]:
    """``path:line: ...`` for the module and each function (methods and nested ones too) over its limit."""
    source = path.read_text(encoding="utf-8")
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        yield f"{path}:1: module has {lines} lines (at most {MAX_MODULE_LINES}); split it by concern"
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            length = (node.end_lineno or node.lineno) - first + 1
            if length > MAX_FUNCTION_LINES:
                yield (
                    f"{path}:{node.lineno}: function {node.name}() has {length} lines "
                    f"(at most {MAX_FUNCTION_LINES}); move steps into helpers"
                )


def main(argv: Sequence[str] | None = None) -> int:
    """Print every finding; 1 when there is any, else 0."""
    paths = list(argv if argv is not None else sys.argv[1:]) or list(DEFAULT_PATHS)
    problems = [problem for path in python_files(paths) for problem in size_problems(path)]
    for problem in problems:
        print(problem)
    if problems:
        print(f"{len(problems)} size problem(s)", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
