"""The cross-validation table `claimwatch eval` prints: per folder, learned beside rules."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import mean

from services.extraction.learned.model import Policy
from services.extraction.learned.scoring import TYPES, Report
from services.extraction.learned.training import FoldResult


def _f(report: Report, group: str) -> float:
    return report[group].f1


def table(results: Sequence[FoldResult]) -> list[str]:
    head = (
        f"{'folder':<22} {'n':>3}  {'alert-F1':>8} {'(rules)':>7}  {'P':>5} {'R':>5}  "
        f"{'attr-F1':>7} {'(rules)':>7}  " + " ".join(f"{t[:5]:>5}" for t in TYPES)
    )
    lines = [head, "-" * len(head)]
    for r in results:
        a = r.learned["alert"]
        lines.append(
            f"{r.folder:<22} {r.articles:>3}  {a.f1:>8.3f} {_f(r.rules, 'alert'):>7.3f}  "
            f"{a.precision:>5.3f} {a.recall:>5.3f}  {_f(r.learned, 'attribution'):>7.3f} "
            f"{_f(r.rules, 'attribution'):>7.3f}  "
            + " ".join(f"{_f(r.learned, t):>5.3f}" for t in TYPES)
        )
    lines.append("-" * len(head))
    lines.append(summary(results))
    lines.append("cues induced for each fold (from the other folders only):")
    lines.extend(f"  {r.folder}: {', '.join(r.cues) or '-'}" for r in results)
    return lines


def summary(results: Sequence[FoldResult]) -> str:
    """The headline: folder means, the lowest folder, and the rules alone beside them."""
    alert = [_f(r.learned, "alert") for r in results]
    attr = [_f(r.learned, "attribution") for r in results]
    rules_alert = [_f(r.rules, "alert") for r in results]
    rules_attr = [_f(r.rules, "attribution") for r in results]
    return (
        f"mean over {len(results)} folders: alert-F1 {mean(alert):.3f} (lowest {min(alert):.3f})"
        f" attribution-F1 {mean(attr):.3f} (lowest {min(attr):.3f}) | rules alone:"
        f" alert-F1 {mean(rules_alert):.3f} attribution-F1 {mean(rules_attr):.3f}"
    )


def sweep_line(results: Sequence[FoldResult], policy: Policy) -> str:
    alert = [r.variants[policy]["alert"].f1 for r in results]
    attr = [r.variants[policy]["attribution"].f1 for r in results]
    return f"alert-F1 {mean(alert):.3f} (lowest {min(alert):.3f}) attribution-F1 {mean(attr):.3f}"
