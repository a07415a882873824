"""Structured logs: one JSON object per line, with ids as fields and secrets redacted."""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from datetime import UTC, datetime
from typing import Any, TextIO

from services.common.settings import LogSettings

REDACTED = "***"

# Attributes every LogRecord has; anything else on a record came from `extra=` and is a field.
_STANDARD_ATTRS = frozenset(
    vars(logging.LogRecord("", 0, "", 0, "", None, None)).keys()
    | {"message", "asctime", "color_message"}  # uvicorn's ANSI-coloured copy of msg
)
_SECRET_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # Credentials in a URL: redis://:pw@host, amqp://user:pw@host (the user name is kept).
    (re.compile(r"(?P<head>[A-Za-z][A-Za-z0-9+.-]*://[^:/@\s]*:)[^@\s/]+(?=@)"), r"\g<head>***"),
    # Standard Webhooks signing secrets.
    (re.compile(r"whsec_[A-Za-z0-9+/=_-]+"), "whsec_***"),
    # Bearer / Basic credentials in an Authorization header value.
    (re.compile(r"(?i)\b(?P<head>(?:bearer|basic)\s+)[A-Za-z0-9._~+/=-]+"), r"\g<head>***"),
    # key=value, key: value, "key": "value" for secret-looking keys (headers, query strings).
    (
        re.compile(
            r"(?i)(?P<head>[\"']?\b(?:x-api-key|api[_-]?key|apikey|access[_-]?token|token"
            r"|secret|password|passwd|pwd|authorization)\b[\"']?\s*[:=]\s*[\"']?)"
            r"(?!\*\*\*)(?!(?:bearer|basic)\s)[^\s\"',;&}]+"
        ),
        r"\g<head>***",
    ),
]


def redact(text: str) -> str:
    """`text` with anything that looks like a secret replaced by ***."""
    for pattern, replacement in _SECRET_PATTERNS:
        text = pattern.sub(replacement, text)
    return text


# A field (or header) by one of these names holds a secret whatever its value looks like.
_SECRET_KEY = re.compile(r"(?i)api[_-]?key|token|secret|passw|authorization|cookie|signature")


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {
            k: REDACTED if _SECRET_KEY.search(str(k)) else _redact_value(v)
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_redact_value(v) for v in value]
    return value


class RedactingFilter(logging.Filter):
    """Rewrites each record so that no handler ever sees a secret in its message or fields."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        for key, value in list(vars(record).items()):
            if key not in _STANDARD_ATTRS:
                secret = _SECRET_KEY.search(key) and value is not None
                setattr(record, key, REDACTED if secret else _redact_value(value))
        return True


def extra_fields(record: logging.LogRecord) -> dict[str, Any]:
    return {k: v for k, v in vars(record).items() if k not in _STANDARD_ATTRS}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: ts, level, logger, msg, then the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for key, value in extra_fields(record).items():
            entry.setdefault(key, value)
        if record.exc_info:
            # Exception text can carry connection strings: redact it like the message.
            entry["exc"] = redact("".join(traceback.format_exception(*record.exc_info)))
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """Human-readable lines for local runs, with the extra fields as key=value."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)-7s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        fields = " ".join(f"{k}={v}" for k, v in extra_fields(record).items())
        return redact(f"{line} {fields}" if fields else line)


_HANDLER_NAME = "claimwatch"


def configure_logging(settings: LogSettings, stream: TextIO | None = None) -> logging.Handler:
    """Send every logger's records through one redacting handler on stderr (idempotent)."""
    root = logging.getLogger()
    for existing in list(root.handlers):
        if existing.get_name() == _HANDLER_NAME:
            root.removeHandler(existing)
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(_HANDLER_NAME)
    handler.addFilter(RedactingFilter())
    handler.setFormatter(JsonFormatter() if settings.json_format else TextFormatter())
    root.addHandler(handler)
    root.setLevel(settings.level.upper())
    # Uvicorn and aiokafka keep their own handlers unless told otherwise: route them here.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers.clear()
        logging.getLogger(name).propagate = True
    return handler
