"""Memos of pure functions the checker leans on, kept between runs: word stems, and what each
pattern needs before it can match (``terms.triggers``, ``terms.required_words``).

Working them out again for 2,000 records and their patterns is a fifth of a second on every
check; read back from ``memo.json`` in the cache folder it costs a few milliseconds. The file
is JSON (it cannot run code when read), belongs to one version of claimkb's code (another's
is ignored), and one that does not parse or has the wrong shape is ignored and rewritten.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from claimkb.checker.concepts import STEMS
from claimkb.kb.files import write_together
from claimkb.kb.terms import REQUIRED_WORDS, TRIGGERS

MEMO_FILE = "memo.json"
MAX_STEMS = 300_000  # words; past this (copy in many languages, say) the stems are not kept


def _sizes() -> tuple[int, int, int]:
    return len(STEMS), len(TRIGGERS), len(REQUIRED_WORDS)


def load(folder: Path, code: str) -> tuple[int, int, int]:
    """Fill the memos from ``folder`` (nothing when the file is missing, foreign or broken);
    returns their sizes, for ``save`` to tell whether anything was added."""
    try:
        data = json.loads((folder / MEMO_FILE).read_bytes())
        if not isinstance(data, dict) or data.get("code") != code:
            return _sizes()
        stems = {str(k): str(v) for k, v in data["stems"].items()}
        found = {str(k): None if v is None else frozenset(map(str, v)) for k, v in data["triggers"].items()}
        required = {str(k): frozenset(map(str, v)) for k, v in data["required_words"].items()}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return _sizes()
    STEMS.update(stems)
    TRIGGERS.update(found)
    REQUIRED_WORDS.update(required)
    return _sizes()


def save(folder: Path, code: str, loaded: tuple[int, int, int]) -> None:
    """Write the memos back when this run added to them (atomically; a read-only folder is fine)."""
    if _sizes() == loaded or len(STEMS) > MAX_STEMS:
        return
    data: dict[str, Any] = {
        "code": code,
        "stems": STEMS,
        "triggers": {k: None if v is None else sorted(v) for k, v in TRIGGERS.items()},
        "required_words": {k: sorted(v) for k, v in REQUIRED_WORDS.items()},
    }
    try:
        write_together([(folder / MEMO_FILE, json.dumps(data, ensure_ascii=False, separators=(",", ":")))])
    except OSError:
        pass  # a read-only folder: the memos are worked out again next time
