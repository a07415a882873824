"""The extraction library stays pure: it imports no broker, cache, web or HTTP client."""

from __future__ import annotations

import ast
from pathlib import Path

FORBIDDEN = frozenset(
    {"aiokafka", "faust", "redis", "fastapi", "httpx", "requests", "socket", "urllib"}
)
EXTRACTION = Path(__file__).resolve().parents[2] / "services" / "extraction"


def imported_roots(path: Path) -> set[str]:
    roots: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_extraction_imports_no_io_clients() -> None:
    files = sorted(EXTRACTION.rglob("*.py"))
    assert files, "services/extraction has no modules"
    offenders = {
        str(f.relative_to(EXTRACTION)): sorted(imported_roots(f) & FORBIDDEN) for f in files
    }
    assert {f: bad for f, bad in offenders.items() if bad} == {}


def test_the_check_sees_forbidden_imports(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("import redis\nfrom aiokafka import AIOKafkaProducer\n")
    assert imported_roots(probe) & FORBIDDEN == {"redis", "aiokafka"}
