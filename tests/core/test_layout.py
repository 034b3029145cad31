"""The code's layout rules, read from the source: the domain engines are
plain Python, and no module hides an import inside a function (the way to
dodge an import cycle) except an app's ``ready()``, Django's place for it,
and a third-party library loaded late for a reason its line gives
(``# late import: ...``, e.g. WeasyPrint's native libraries)."""

import ast
from pathlib import Path

import levier

ROOT = Path(levier.__file__).parent


def _modules(folder: Path):
    for path in sorted(folder.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"))


def _late_on_purpose(path: Path, node) -> bool:
    line = path.read_text(encoding="utf-8").splitlines()[node.lineno - 1]
    return "# late import:" in line and not any(
        name.startswith("levier") for name in _imported(node)
    )


def _imported(node) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if isinstance(node, ast.ImportFrom):
        return [node.module or ""]
    return []


def test_the_engines_import_no_django():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path, tree in _modules(ROOT / "engine")
        for node in ast.walk(tree)
        for name in _imported(node)
        if name.split(".")[0] == "django" or (name.startswith("levier.") and ".engine" not in name)
    ]
    assert len(list(_modules(ROOT / "engine"))) > 10
    assert offenders == []


def test_no_import_hides_inside_a_function():
    offenders = []
    for path, tree in _modules(ROOT):
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if function.name == "ready" and path.name == "apps.py":
                continue
            offenders += [
                f"{path.relative_to(ROOT)}:{node.lineno} in {function.name}()"
                for node in ast.walk(function)
                if _imported(node) and not _late_on_purpose(path, node)
            ]
    assert offenders == []
