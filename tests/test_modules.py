"""The source itself: a module that binds a top-level name twice silently replaces the first (two
patterns called POSSESSOR, the second written for another job, broke every answer that used the first)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["index", "rag", "ui", "bench"]


def top_level_names(module: ast.Module) -> Counter[str]:
    """How many times each name is bound at the top of a module (assignments, functions, classes)."""
    names: Counter[str] = Counter()
    for node in module.body:
        if isinstance(node, ast.Assign):
            names.update(t.id for t in node.targets if isinstance(t, ast.Name))
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
    return names


@pytest.mark.parametrize("package", PACKAGES)
def test_no_module_binds_a_top_level_name_twice(package: str) -> None:
    twice = {
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / package).rglob("*.py"))
        for name, count in top_level_names(ast.parse(path.read_text(encoding="utf-8"))).items()
        if count > 1
    }
    assert not twice, sorted(twice)


def test_a_name_bound_twice_is_found() -> None:
    assert top_level_names(ast.parse("A = 1\nB = 2\nA = 3\n"))["A"] == 2
