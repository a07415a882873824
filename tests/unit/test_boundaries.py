"""The layering of the code: what each package may import, and which modules stay pure.

The README's "Map of the code" states the same rules in prose; this test keeps them true.
"""

from __future__ import annotations

import ast
import re
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ROOT / "services"

# Broker, cache, web-server and network-client libraries: pure code imports none of them.
FORBIDDEN = frozenset(
    {"aiokafka", "faust", "mode", "redis", "fastapi", "starlette", "sse_starlette", "uvicorn"}
    | {"httpx", "requests", "aiohttp", "apprise", "standardwebhooks", "socket", "urllib"}
)
# Pure cores outside the two pure libraries may parse URLs (urllib.parse), never open them.
FORBIDDEN_FOR_CORES = (FORBIDDEN - {"urllib"}) | {"urllib.request", "http.client"}
PURE_LIBRARIES = ("extraction", "actors")
# Pure cores: decisions and values, wired to I/O by their callers. Checked transitively, so a pure
# module cannot reach a client through a project module either.
PURE_CORES = (
    *sorted(str(p.relative_to(ROOT)) for p in (ROOT / "schemas").glob("*.py")),
    "services/common/settings.py",
    "services/common/address_forms.py",
    "services/stream/novelty.py",
    "services/stream/acts.py",
    "services/stream/act_match.py",
    "services/stream/act_date.py",
    "services/stream/act_kind.py",
    "services/stream/article_actors.py",
    "services/stream/event_order.py",
    "services/stream/reports.py",
    "services/stream/signature.py",
    "services/stream/alerting.py",
    "services/alerts/models.py",
    "services/alerts/notification.py",
    "services/alerts/matching.py",
    "services/alerts/articles.py",
    "services/alerts/redis/keys.py",
    "services/ingest/sources.py",
    "services/ingest/admission.py",
    "services/ingest/language.py",
    "services/sources/health.py",
    "services/sources/items.py",
)

# Which project packages (or single modules) each package may import besides itself: libraries
# at the bottom, the four services in the middle, the tools that drive them (launcher, bench,
# cli) on top. The README's "Map of the code" states the same, row for row (checked below).
ALLOWED: dict[str, set[str]] = {
    "schemas": set(),
    "services.common": {"schemas"},
    "services.actors": set(),
    "services.extraction": {"schemas", "services.actors"},
    "services.ingest": {"schemas", "services.common"},
    "services.stream": {"schemas", "services.common", "services.actors", "services.extraction"},
    "services.alerts": {"schemas", "services.common", "services.actors"},
    # The feed poller publishes articles exactly as ingest does: see SERVICE_EXCEPTIONS.
    "services.sources": {"schemas", "services.common", "services.ingest"},
    # The launcher reports the alert API's errors as the CLI does: that one CLI module, no more.
    "services.launcher": {"services.common", "services.ingest", "services.cli.alerts_client"},
    "services.bench": {"schemas", "services.common", "services.extraction"}
    | {"services.ingest", "services.alerts", "services.launcher"},
    "services.cli": {"schemas", "services.common", "services.actors", "services.extraction"}
    | {"services.ingest", "services.stream", "services.alerts"}
    | {"services.launcher", "services.bench"},
}
SERVICES_RUN = ("services.ingest", "services.stream", "services.alerts", "services.sources")
# A service (or tool) reaching into another service's modules. Each entry is a named, known
# exception: importer module -> the other service's modules it may import. Anything else fails.
SERVICE_EXCEPTIONS: dict[str, set[str]] = {
    # sources publishes the articles it polls through ingest's publisher and language gate, so a
    # polled article and a posted one are admitted alike. A shared "articles out" module would
    # remove this; it stays until a third user appears.
    "services.sources.__main__": {"services.ingest.language"},
    "services.sources.poller": {"services.ingest.language", "services.ingest.publisher"},
    "services.sources.runtime": {"services.ingest.language", "services.ingest.publisher"},
    # The demo feeds the seed articles through ingest's feed-item parser.
    "services.launcher.demo": {"services.ingest.sources"},
    # The e2e bench reads the alert keys in Redis and paces as ingest's replay does.
    "services.bench.e2e_measure": {"services.alerts.redis.keys", "services.ingest.pacing"},
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_of(module: str) -> str:
    parts = module.split(".")
    return parts[0] if parts[0] == "schemas" else ".".join(parts[:2])


def project_modules() -> dict[str, Path]:
    files = [*SERVICES.rglob("*.py"), *(ROOT / "schemas").rglob("*.py")]
    return {module_name(f): f for f in files if f.name != "__init__.py" or f.parent != SERVICES}


@cache
def imports_of(path: Path) -> frozenset[str]:
    """Every absolute module a file imports; `from a import b` counts a.b when b is a module."""
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules.add(node.module)
            modules |= {f"{node.module}.{alias.name}" for alias in node.names}
    return frozenset(modules)


def imported_roots(path: Path) -> set[str]:
    return {m.split(".")[0] for m in imports_of(path)}


def third_party_reached(start: Path, known: dict[str, Path]) -> set[str]:
    """External modules a file imports directly or through the project's modules."""
    seen: set[str] = set()
    outside: set[str] = set()
    todo = [start]
    while todo:
        for module in imports_of(todo.pop()):
            if module.split(".")[0] in {"services", "schemas"}:
                if module in known and module not in seen:
                    seen.add(module)
                    todo.append(known[module])
            else:
                outside.add(module)
    return outside


def is_forbidden(module: str, forbidden: frozenset[str]) -> bool:
    parts = module.split(".")
    return any(".".join(parts[:n]) in forbidden for n in range(1, len(parts) + 1))


@pytest.mark.parametrize("package", PURE_LIBRARIES)
def test_pure_package_imports_no_io_clients(package: str) -> None:
    root = SERVICES / package
    files = sorted(root.rglob("*.py"))
    assert files, f"services/{package} has no modules"
    offenders = {str(f.relative_to(root)): sorted(imported_roots(f) & FORBIDDEN) for f in files}
    assert {f: bad for f, bad in offenders.items() if bad} == {}


@pytest.mark.parametrize("package", PURE_LIBRARIES)
def test_pure_library_reaches_no_io_client_through_the_project(package: str) -> None:
    known = project_modules()
    offenders = {
        str(f.relative_to(ROOT)): sorted(
            m for m in third_party_reached(f, known) if is_forbidden(m, FORBIDDEN)
        )
        for f in sorted((SERVICES / package).rglob("*.py"))
    }
    assert {f: bad for f, bad in offenders.items() if bad} == {}


@pytest.mark.parametrize("core", PURE_CORES)
def test_pure_core_reaches_no_io_client(core: str) -> None:
    path = ROOT / core
    assert path.is_file(), f"{core} is listed as a pure core but does not exist"
    reached = third_party_reached(path, project_modules())
    assert sorted(m for m in reached if is_forbidden(m, FORBIDDEN_FOR_CORES)) == []


def test_every_package_has_a_place_in_the_layering() -> None:
    packages = {package_of(m) for m in project_modules()}
    assert packages == set(ALLOWED), "add the new package to ALLOWED (and the README's map)"


def test_packages_import_only_what_the_layering_allows() -> None:
    known = project_modules()
    found: dict[str, set[str]] = {}
    for module, path in known.items():
        own = package_of(module)
        for imported in imports_of(path):
            if imported.split(".")[0] in {"services", "schemas"} and imported != "services":
                target = package_of(imported)
                allowed = ALLOWED[own]
                if target != own and not any(
                    imported == a or imported.startswith(f"{a}.") for a in allowed
                ):
                    found.setdefault(module, set()).add(imported)
    assert found == {}


def test_no_service_reaches_into_another_service_except_the_named_exceptions() -> None:
    """A running service's modules are its own; others use them only where listed above."""
    known = project_modules()
    found: dict[str, set[str]] = {}
    for module, path in known.items():
        own = package_of(module)
        for imported in imports_of(path):
            if imported not in known:
                continue  # `from pkg import Name`: the module itself is counted separately
            target = package_of(imported)
            if target in SERVICES_RUN and target != own and own != "services.cli":
                found.setdefault(module, set()).add(imported)
    assert found == SERVICE_EXCEPTIONS


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


def test_the_check_follows_project_imports_to_a_client(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"
    probe.write_text("from services.alerts.delivery import webhooks\n")
    reached = third_party_reached(probe, project_modules())
    assert is_forbidden("httpx", FORBIDDEN_FOR_CORES)
    assert any(is_forbidden(m, FORBIDDEN_FOR_CORES) for m in reached)
    assert not is_forbidden("urllib.parse", FORBIDDEN_FOR_CORES)


README_ROW = re.compile(r"^\| `(?P<package>[\w.]+)` \| (?P<owns>[^|]+) \| (?P<imports>[^|]*) \|$")


def readme_map() -> dict[str, set[str]]:
    """The rows of the README's "Map of the code" table: package -> what it may import."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Map of the code", 1)[1].split("\n## ", 1)[0]
    rows = (README_ROW.match(line.strip()) for line in section.splitlines())
    return {
        m["package"]: {name.strip(" `") for name in m["imports"].split(",") if name.strip(" `—")}
        for m in rows
        if m is not None
    }


def test_the_readme_map_states_the_layering() -> None:
    assert readme_map() == ALLOWED
