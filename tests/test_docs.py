"""Docs that cannot drift: every command and every validation rule is in the README."""

from __future__ import annotations

import argparse

import pytest

from claimkb.cli import build_parser
from claimkb.kb.load import load_knowledge_base
from claimkb.kb.validation_rules import VALIDATION_RULES
from conftest import INVALID, REPO, overlay_case

README = (REPO / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(sub.choices)


@pytest.mark.parametrize("command", _commands())
def test_every_command_is_documented(command: str):
    assert f"`claimkb {command}" in README


@pytest.mark.parametrize("rule", sorted(VALIDATION_RULES))
def test_every_validation_rule_is_documented(rule: str):
    assert f"| `{rule}` |" in README


def test_every_rule_the_fixtures_produce_is_registered(tmp_path):
    seen = set()
    for case in sorted(p for p in INVALID.iterdir() if p.is_dir()):
        _, problems = load_knowledge_base(overlay_case(case, tmp_path / case.name))
        seen |= {p.rule for p in problems}
    assert seen <= set(VALIDATION_RULES)
    # Rules no broken fixture can reach from files alone: unreadable files, the catch-all,
    # and coverage (tested in test_content and test_cli).
    assert set(VALIDATION_RULES) - seen == {"unreadable", "schema", "uncovered-sentence"}


def test_every_checker_rule_is_named_in_the_readme():
    from claimkb.kb.layout import RULES_FILE
    from claimkb.kb.rules import read_rules

    rules, problems = read_rules(REPO / RULES_FILE, RULES_FILE)
    assert problems == [] and rules
    assert [r.id for r in rules if f"`{r.id}`" not in README] == []


def test_pre_commit_hook_runs_a_real_command():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["entry"] for h in hooks] == ["claimkb check"]
    assert "check" in _commands()


def _options() -> list[tuple[str, str]]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return sorted(
        (name, option)
        for name, command in sub.choices.items()
        for action in command._actions
        for option in action.option_strings
        if option.startswith("--") and option not in ("--help", "--root")
    )


@pytest.mark.parametrize("command, option", _options())
def test_every_option_is_documented(command: str, option: str):
    assert f"`{option}" in README or f" {option}" in README, f"claimkb {command} {option} is not in the README"
