"""Rule kinds, one module each (after yamllint and Vale).

A kind module declares ``NAME``, the ``FIELD`` of a rule it reads (its value lists the
rule's terms), ``DESCRIPTION`` (one line, for the checker page and the README), ``read(value)``
(the field's value as the rule's terms and their replacements),
``findings(rule, text)`` (the start, end, message and suggestion of every place the rule
applies) and ``describe(rule)`` (the rows of the checker page's table for the rule: what is
flagged and what is suggested). ``KINDS`` is the one registry; nothing else branches on a
rule's kind.
"""

from __future__ import annotations

from types import ModuleType

from claimkb.kb.rulekinds import existence, substitution

KINDS: dict[str, ModuleType] = {kind.NAME: kind for kind in (existence, substitution)}
