"""Patterns cannot hang the checker: /regexes/ are compiled with RE2 (linear time)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimkb.kb.terms import PatternError, compile_term


def test_a_careless_pattern_on_a_long_line_finishes(valid_kb: Path):
    """/(a+)+b/ backtracks exponentially in Python's re; with RE2 it is linear. Run in a
    subprocess with a generous timeout (not a timed test): it must finish at all."""
    record = valid_kb / "claims" / "ice-reduces-soreness.yaml"
    text = record.read_text()
    assert "match:" not in text
    record.write_text(text.replace("review:", 'match: ["/(a+)+b/"]\nreview:', 1))
    copy = valid_kb / "long.txt"
    copy.write_text("a" * 5000 + "\n")
    proc = subprocess.run(
        [sys.executable, "-m", "claimkb", "check", "--root", str(valid_kb), str(copy)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode in (0, 1), proc.stderr


def test_what_re2_cannot_express_is_a_pattern_error_that_says_so():
    with pytest.raises(PatternError, match="no lookaround or backreferences"):
        compile_term("/(?<!not )safe/")
    with pytest.raises(PatternError):
        compile_term("/ice (packs?/")


def test_compiled_patterns_match_case_insensitively():
    pattern = compile_term("/cur(e|es)\\b/")
    assert pattern.search("It CURES everything").group(0) == "CURES"
    assert [m.group(0) for m in pattern.finditer("cure and cures")] == ["cure", "cures"]


@pytest.mark.parametrize(
    "term, text",
    [
        ("/kalomi12itis (relief|treatment)/", "Fast KALOMI12ITIS relief today"),
        ("/collagen (production )?(slows|declines)/", "Collagen declines with age"),
        ("/\\bcur(e|es)\\b/", "It cures"),
        ("/relie\\w* pain/", "relieves pain"),
        ("/pain-?less/", "totally painless"),
        ("cure headaches", "Ice packs cure  headaches"),
    ],
)
def test_a_pattern_only_matches_where_its_required_words_stand(term, text):
    """The words required_words names must stand in any text the pattern matches (sound pruning)."""
    import re

    from claimkb.kb.terms import required_words

    assert compile_term(term).search(text)
    assert required_words(term) <= set(re.findall(r"[a-z0-9]+", text.lower()))
