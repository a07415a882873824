"""The pure libraries (extraction, actors) import no broker, cache, web or HTTP client."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

FORBIDDEN = frozenset(
    {"aiokafka", "faust", "redis", "fastapi", "httpx", "requests", "socket", "urllib"}
)
SERVICES = Path(__file__).resolve().parents[2] / "services"
PURE = ("extraction", "actors")


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("package", PURE)
def test_pure_package_imports_no_io_clients(package: str) -> None:
    root = SERVICES / package
    files = sorted(root.rglob("*.py"))
    assert files, f"services/{package} has no modules"
    offenders = {str(f.relative_to(root)): sorted(imported_roots(f) & FORBIDDEN) for f in files}
    assert {f: bad for f, bad in offenders.items() if bad} == {}


def test_actors_package_does_not_depend_on_its_users() -> None:
    """Extraction, the stream and the alerts use services.actors, never the reverse."""
    users = {"services.extraction", "services.stream", "services.alerts", "services.cli"}
    for f in sorted((SERVICES / "actors").rglob("*.py")):
        tree = ast.parse(f.read_text(encoding="utf-8"))
        modules = {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not {m for m in modules if any(m.startswith(u) for u in users)}, f.name


def test_the_check_sees_forbidden_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import redis\nfrom aiokafka import AIOKafkaProducer\n")
    assert imported_roots(probe) & FORBIDDEN == {"redis", "aiokafka"}
