"""The ``claimkb`` command: a dispatcher from arguments to the layers below.

Exit codes: 0 clean, 1 problems found, 2 usage error, 3 internal error (a bug in claimkb).
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from claimkb import __version__
from claimkb.kb.dates import build_date
from claimkb.kb.problems import LEVELS, Problem, as_json, as_text, has_errors

if TYPE_CHECKING:
    from claimkb.checker.bundle import Bundle
    from claimkb.kb.load import Kept, Survey
    from claimkb.kb.model import Claim, KnowledgeBase

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
REPORT_BUGS = "https://claimkb.example.org/issues"
KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class UsageError(Exception):
    """Something about the call itself is wrong: exit 2."""


class ProblemsFound(Exception):
    """The knowledge base has errors, already printed; the message says what was not done: exit 1."""


def _print_problems(problems: Sequence[Problem], stream=None) -> None:
    for problem in problems:
        print(problem.format(), file=stream or sys.stdout)


def _summary(problems: Sequence[Problem]) -> str:
    errors = sum(p.level == "error" for p in problems)
    warnings = sum(p.level == "warning" for p in problems)
    suggestions = len(problems) - errors - warnings
    text = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return text + (f", {suggestions} suggestion{'s' * (suggestions != 1)}" if suggestions else "")


def _root(args: argparse.Namespace) -> Path:
    root = Path(args.root).resolve()
    if not root.is_dir():
        raise UsageError(f"--root {args.root}: no such folder")
    return root


def _date(args: argparse.Namespace) -> dt.date:
    """The date the command judges and builds for: --date, else SOURCE_DATE_EPOCH, else today."""
    try:
        return build_date(getattr(args, "date", ""))
    except ValueError as exc:
        raise UsageError(f"--date: {exc}") from None


def load_knowledge_base(root: Path, today: dt.date | None = None) -> tuple[KnowledgeBase, list[Problem]]:
    """kb.load's, imported when first needed: a check answered from the cache never needs it."""
    from claimkb.kb.load import load_knowledge_base as load

    return load(root, today)


def _claims_dir(root: Path) -> Path:
    from claimkb.kb.layout import CLAIMS_DIR

    return root / CLAIMS_DIR


def _survey(args: argparse.Namespace, keep: Callable[[Claim], Kept]) -> Survey[Kept]:
    """The knowledge base read and checked on every core, keeping ``keep(claim)`` of each record."""
    from claimkb.kb.load import survey

    return survey(_root(args), keep, _date(args), workers=os.cpu_count() or 1)


def _refuse_errors(problems: list[Problem], not_done: str, error: type[Exception]) -> None:
    """Errors printed to stderr and ``error`` raised, when there are any."""
    if has_errors(problems):
        _print_problems([p for p in problems if p.is_error], sys.stderr)
        raise error(f"{not_done}: the knowledge base has {_summary(problems)}; run claimkb validate")


def _load_valid(args: argparse.Namespace, not_done: str, error: type[Exception] = ProblemsFound) -> KnowledgeBase:
    """The knowledge base, or its errors printed to stderr and ``error`` raised."""
    kb, problems = load_knowledge_base(_root(args), _date(args))
    _refuse_errors(problems, not_done, error)
    return kb


VALIDATE_FORMATS = {"text": as_text, "json": as_json}


def cmd_validate(args: argparse.Namespace) -> int:
    if args.list_rules:
        from claimkb.kb.validation_rules import VALIDATION_RULES

        width = max(map(len, VALIDATION_RULES))
        for rule, meaning in VALIDATION_RULES.items():
            print(f"{rule.ljust(width)}  {meaning}")
        return EXIT_OK
    problems = _survey(args, lambda claim: None).problems
    sys.stdout.write(VALIDATE_FORMATS[args.format](problems))
    failed = has_errors(problems) or (args.strict and problems)
    claims_dir = _claims_dir(_root(args))
    files = len(list(claims_dir.glob("*.yaml"))) if claims_dir.is_dir() else 0
    print(f"{files} records read: {_summary(problems)}", file=sys.stderr)
    return EXIT_PROBLEMS if failed else EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from claimkb.report import FORMATS

    kb = _load_valid(args, "report not written")
    sys.stdout.write(FORMATS[args.format](kb))
    return EXIT_OK


def cmd_build(args: argparse.Namespace) -> int:
    from claimkb.build import BuildError, build_sites
    from claimkb.render import AUDIENCES

    root = _root(args)
    kb = _load_valid(args, "nothing built, the previous site is untouched")  # judged on the build date
    audiences = list(AUDIENCES) if args.audience == "all" else [args.audience]
    out = Path(args.out) if Path(args.out).is_absolute() else root / args.out
    try:
        built = build_sites(root, out, audiences, _date(args), args.verbose, kb)
    except BuildError as exc:
        print(f"claimkb build: {exc}\nnothing replaced; the previous site is untouched", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in built:
        print(f"built {path}/index.html", file=sys.stderr)
    return EXIT_OK


def _site_url(root: Path) -> str:
    """The published site's address, from mkdocs.yml as MkDocs reads it (for links in findings)."""
    from claimkb.build import CONFIG_FILE, site_url

    try:
        return site_url(root / CONFIG_FILE)
    except ValueError as exc:
        raise UsageError(f"{CONFIG_FILE}: {exc}; fix it, or pass --site-url") from None


def _checkout_bundle(args: argparse.Namespace, root: Path) -> Bundle:
    """The checker bundle of the knowledge base in ``root``: from the cache while no input has
    changed, else loaded, validated and bundled (as ``claimkb build`` would bundle it)."""
    from claimkb.build import CONFIG_FILE
    from claimkb.cache import cached
    from claimkb.checker.bundle import bundle_claim, bundle_data, read_bundle
    from claimkb.kb.layout import Layout

    def build() -> dict[str, Any]:
        site_url = args.site_url if args.site_url is not None else _site_url(root)
        found = _survey(args, bundle_claim)  # each worker sends back only what the bundle holds
        _refuse_errors(found.problems, "nothing checked", UsageError)
        return bundle_data([c for c in found.kept if c is not None], found.concepts, found.rules, site_url)

    layout = Layout(root)
    return cached(
        root,
        "checker",
        [layout.claims, layout.sources, layout.references, layout.rules, root / CONFIG_FILE],
        f"{args.site_url}\0{dt.date.today()}",  # the site's address is read from mkdocs.yml, an input
        build,
        lambda data: read_bundle(data, "the checker cache"),
    )


def cmd_check(args: argparse.Namespace) -> int:
    from claimkb.cache import cache_folder, code_fingerprint
    from claimkb.checker import memo
    from claimkb.checker.bundle import BundleError
    from claimkb.checker.check import Checker, filter_level
    from claimkb.checker.copytext import UnreadableCopy, read_copy, read_inputs
    from claimkb.checker.fetch import open_bundle, user_cache_folder
    from claimkb.checker.output import FORMATS

    root = _root(args)
    try:
        inputs = read_inputs(args.files, sys.stdin.buffer)
    except UnreadableCopy as exc:
        raise UsageError(str(exc)) from None
    memo_folder = None if os.environ.get("CLAIMKB_NO_CACHE") else user_cache_folder() if args.kb else cache_folder(root)
    if memo_folder is not None:
        memo_sizes = memo.load(memo_folder, code_fingerprint())
    if args.kb:
        try:
            bundle = open_bundle(args.kb, lambda message: print(f"warning: {message}", file=sys.stderr))
        except BundleError as exc:
            raise UsageError(str(exc)) from None
    else:
        bundle = _checkout_bundle(args, root)
    checker = Checker(bundle, args.site_url)
    findings = []
    for shown, text in inputs:
        findings += filter_level(checker.check(read_copy(shown, text)), args.min_level)
    sys.stdout.writelines(FORMATS[args.format](findings, checker.rules))
    if memo_folder is not None:
        memo.save(memo_folder, code_fingerprint(), memo_sizes)
    if args.format == "text":
        errors = sum(f.level == "error" for f in findings)
        print(
            f"{len(inputs)} file{'s' * (len(inputs) != 1)} checked: {errors} error{'s' * (errors != 1)}, "
            f"{len(findings) - errors} other finding{'s' * (len(findings) - errors != 1)}",
            file=sys.stderr,
        )
    failing = LEVELS[: LEVELS.index(args.fail_on) + 1]
    return EXIT_PROBLEMS if any(f.level in failing for f in findings) else EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    from claimkb.scaffold import locate_quote, scaffold

    if not KEBAB.match(args.id):
        raise UsageError(f"{args.id!r} is not a kebab-case id (lower-case letters and digits joined by hyphens)")
    document = section = None
    if args.quote:
        kb, _ = load_knowledge_base(_root(args))
        found = locate_quote(args.quote, kb.documents)
        if found is None:
            raise UsageError("--quote: not found verbatim in any registered source document; copy it exactly")
        document, section = found
    text = scaffold(args.id, dt.date.today(), document, section, args.quote)
    if args.stdout:
        sys.stdout.write(text)
        return EXIT_OK
    target = _claims_dir(_root(args)) / f"{args.id}.yaml"
    if target.exists():
        raise UsageError(f"{target} already exists; choose another id or edit that record")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    print(f"created {target}; fill in every TODO, then run claimkb validate", file=sys.stderr)
    return EXIT_OK


def cmd_review(args: argparse.Namespace) -> int:
    from claimkb.review import Decision, Refused, decide

    decision = next(name for name in ("approve", "request_changes", "retire") if getattr(args, name))
    day = _date(args)
    try:
        choice = Decision(decision.replace("_", "-"), args.reviewer, day, args.note, tuple(args.reject_appearance))
        written = decide(_root(args), args.ids, choice)
    except Refused as exc:
        print(f"claimkb review: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    for path in written:
        print(f"{path.name}: {decision.replace('_', ' ')} recorded ({day})", file=sys.stderr)
    return EXIT_OK


def cmd_ingest(args: argparse.Namespace) -> int:
    from claimkb.checker.copytext import UnreadableCopy, read_inputs
    from claimkb.ingest import IngestError, ingest, plan

    if not KEBAB.match(args.id):
        raise UsageError(f"--id: {args.id!r} is not a kebab-case id (lower-case letters and digits joined by hyphens)")
    if args.published:
        try:
            dt.date.fromisoformat(args.published)
        except ValueError:
            raise UsageError(f"--date: {args.published!r} is not a date; write it as YYYY-MM-DD") from None
    if args.url and not re.match(r"https?://", args.url):
        raise UsageError(f"--url: {args.url!r} is not a full address; start it with https://")
    try:
        [(shown, text)] = read_inputs([args.file], sys.stdin.buffer)
    except UnreadableCopy as exc:
        raise UsageError(str(exc)) from None
    root = _root(args)
    today = _date(args)
    kb = _load_valid(args, "nothing ingested")
    try:
        result = plan(root, kb, shown, text, args.id, args.title, args.publisher, args.published, args.url, today)
        print(result.summary())
        if args.dry_run:
            print("dry run: nothing written", file=sys.stderr)
            return EXIT_OK
        ingest(root, kb, result, today)
    except IngestError as exc:
        print(f"claimkb ingest: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {len(result.files)} files; run claimkb coverage {args.id} and claimkb validate", file=sys.stderr)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from claimkb.review import git_history

    root = _root(args)
    kb, _ = load_knowledge_base(root)
    claim = next((c for c in kb.claims if c.id == args.id), None)
    if claim is None:
        raise UsageError(f"no valid record {args.id!r}; run claimkb validate")
    print(
        f"{claim.id}: {claim.review.status}, reviewed {claim.review.reviewed}, next review {claim.review.next_review}"
    )
    print("Sign-off log:")
    for s in claim.review.log:
        note = f": {s.note}" if s.note else ""
        print(f"  {s.date} {s.decision} by {s.reviewer} (verdict {s.verdict}, certainty {s.certainty}){note}")
    if not claim.review.log:
        print("  (no decision recorded yet)")
    commits = git_history(root, claim.id)
    if commits is None:
        print("Not a git repository (or git is not installed): no commit history.")
    else:
        print("Commits that changed the verdict, certainty or approved wording:")
        for line in commits or ["(none)"]:
            print(f"  {line}")
    return EXIT_OK


def cmd_coverage(args: argparse.Namespace) -> int:
    from claimkb.coverage import document_coverage, uncovered_problems

    kb = _load_valid(args, "coverage not measured")
    unknown = [d for d in args.document if d not in kb.documents]
    if unknown:
        raise UsageError(f"no source document {unknown[0]!r}; known: {', '.join(sorted(kb.documents))}")
    documents = [kb.documents[d] for d in args.document] if args.document else list(kb.documents.values())
    uncovered = 0
    for document in documents:
        rows = document_coverage(kb, document)
        done = sum(row.covered for row in rows)
        uncovered += len(rows) - done
        print(f"{document.id}: {done}/{len(rows)} sentences covered ({100 * done // max(len(rows), 1)}%)")
        for row in rows:
            if row.claim_ids:
                mark, why = "claim", ", ".join(row.claim_ids)
            elif row.reason:
                mark, why = "skip ", f"not a claim: {row.reason}"
            else:
                mark, why = "MISS ", "neither quoted by a record nor explained in the source registry"
            if args.verbose or not row.covered:
                print(f"  {mark} {row.sentence.text[:70]!r}\n        {why}")
        _print_problems(uncovered_problems(document, rows), sys.stderr)
    return EXIT_PROBLEMS if uncovered else EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--root", default=".", metavar="DIR", help="the knowledge base's folder (default: the current folder)"
    )
    parser = argparse.ArgumentParser(
        prog="claimkb",
        description="An evidence-tagged knowledge base of health and wellness marketing claims.",
        epilog="Exit codes: 0 clean, 1 problems found, 2 usage error, 3 internal error.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    validate = commands.add_parser(
        "validate",
        parents=[common],
        help="check every record, reference and source",
        description="Check every record, the references and the source documents; "
        "print each problem as path:line:col: level [rule] message.",
    )
    validate.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--list-rules", action="store_true", help="list every rule the validator checks, and exit")
    validate.add_argument(
        "--date", default="", metavar="YYYY-MM-DD", help="the date review dates are judged against (default: today)"
    )
    validate.set_defaults(run=cmd_validate)

    report = commands.add_parser(
        "report",
        parents=[common],
        help="one row per claim: table, CSV or JSON",
        description="One row per claim. The JSON keys are stable for other tools.",
    )
    report.add_argument(
        "--format", choices=("table", "csv", "json"), default="table", help="output format (default: table)"
    )
    report.set_defaults(run=cmd_report)

    coverage = commands.add_parser(
        "coverage",
        parents=[common],
        help="is every sentence of each source covered?",
        description="Split each source document into sentences and show, for each, the "
        "records that quote it or why it is not a claim. Exits 1 when a "
        "sentence is neither.",
    )
    coverage.add_argument("document", nargs="*", help="source document ids (default: all)")
    coverage.add_argument("-v", "--verbose", action="store_true", help="list every sentence, not only the misses")
    coverage.set_defaults(run=cmd_coverage)

    check = commands.add_parser(
        "check",
        parents=[common],
        help="check new marketing copy against the knowledge base",
        description="Find health claims in plain text, Markdown or HTML copy: the knowledge base's claims "
        "(known-claim, with why each matched), health claims no record covers (unreviewed-claim) and "
        "overreaching language. Exits 1 when a finding is at the --fail-on level or above (default: error). "
        "Turn a rule off for a stretch of copy with <!-- claimkb disable RULE --> ... "
        "<!-- claimkb enable RULE -->.",
    )
    check.add_argument(
        "files",
        nargs="+",
        metavar="FILE",
        help="files or folders to check (a folder: its .md, .txt and .html files); - reads standard input",
    )
    check.add_argument(
        "--format", choices=("text", "json", "sarif"), default="text", help="output format (default: text)"
    )
    check.add_argument(
        "--min-level",
        choices=("error", "warning", "suggestion"),
        default="suggestion",
        help="report findings at this level or above (default: suggestion, i.e. all)",
    )
    check.add_argument(
        "--fail-on",
        choices=("error", "warning"),
        default="error",
        help="exit 1 when a finding is at this level or above (default: error; warning also fails on "
        "unreviewed claims)",
    )
    check.add_argument(
        "--site-url",
        default=None,
        metavar="URL",
        help="address of the published site, for links to claim pages (default: site_url in mkdocs.yml)",
    )
    check.add_argument(
        "--kb",
        default=os.environ.get("CLAIMKB_KB") or None,
        metavar="PATH_OR_URL",
        help="check against a checker bundle (claimkb-checker.json, written by claimkb build on the internal "
        "site) at a path or an https:// address, instead of the knowledge base in --root; default: $CLAIMKB_KB. "
        "An address is cached for a day; $CLAIMKB_TOKEN is sent as a bearer token",
    )
    check.set_defaults(run=cmd_check)

    build = commands.add_parser(
        "build",
        parents=[common],
        help="build the public and internal sites",
        description="Validate, then build each audience's site with MkDocs (strict) "
        "into OUT/public and OUT/internal. The old site is replaced only "
        "when every build succeeds.",
    )
    build.add_argument(
        "--audience", choices=("public", "internal", "all"), default="all", help="which site to build (default: all)"
    )
    build.add_argument(
        "--out", default="site", metavar="DIR", help="output folder, relative to the root (default: site)"
    )
    build.add_argument(
        "--date",
        default="",
        metavar="YYYY-MM-DD",
        help="the date the site is built for (overdue reviews); default: SOURCE_DATE_EPOCH or today",
    )
    build.add_argument("-v", "--verbose", action="store_true", help="show MkDocs' own output")
    build.set_defaults(run=cmd_build)

    review = commands.add_parser(
        "review",
        parents=[common],
        help="record a compliance decision: approve, request changes or retire",
        description="Record a compliance decision in each record, changing nothing else in the file: "
        "--approve sets approved with the approver and the fingerprint of what was approved; "
        "--request-changes sets in-review; --retire sets retired. Every decision sets reviewed "
        "and next_review (six months later) and appends to the record's sign-off log. All records "
        "or none: nothing is written when any of them cannot be decided.",
    )
    review.add_argument("ids", nargs="+", metavar="ID", help="the records to decide")
    choice = review.add_mutually_exclusive_group(required=True)
    choice.add_argument("--approve", action="store_true", help="sign the current content off")
    choice.add_argument("--request-changes", action="store_true", help="send it back for changes")
    choice.add_argument("--retire", action="store_true", help="take it out of use (off the public site)")
    review.add_argument("--reviewer", required=True, metavar="NAME", help="the full name of the person deciding")
    review.add_argument("--note", default="", metavar="TEXT", help="why, for the sign-off log")
    review.add_argument("--date", default="", metavar="YYYY-MM-DD", help="the date of the decision (default: today)")
    review.add_argument(
        "--reject-appearance",
        action="append",
        default=[],
        metavar="DOC",
        help="drop the record's proposed appearance in source document DOC (from claimkb ingest); "
        "--approve confirms the proposed appearances that remain",
    )
    review.set_defaults(run=cmd_review)

    ingest = commands.add_parser(
        "ingest",
        parents=[common],
        help="register a new source document and sort its sentences: linked, drafted, not claims",
        description="Register FILE (plain text, Markdown or HTML, kept as supplied) as a source document and "
        "read every sentence with the copy checker: a known claim becomes a proposed appearance of its record, "
        "a health claim no record covers a new draft record, and the rest is registered as not a claim with "
        "its reason. Everything is written or nothing.",
    )
    ingest.add_argument("file", metavar="FILE", help="the document (.txt, .md or .html)")
    ingest.add_argument("--id", required=True, metavar="ID", help="the document's id, in kebab-case")
    ingest.add_argument("--title", required=True, metavar="TITLE", help="the document's title")
    ingest.add_argument("--publisher", default="not given", metavar="NAME", help="who published it")
    ingest.add_argument("--date", dest="published", default=None, metavar="YYYY-MM-DD", help="when it was published")
    ingest.add_argument("--url", default=None, metavar="URL", help="where it was published")
    ingest.add_argument("--dry-run", action="store_true", help="print the summary, write nothing")
    ingest.set_defaults(run=cmd_ingest)

    history = commands.add_parser(
        "history",
        parents=[common],
        help="a record's sign-off log and the commits that changed its verdict or wording",
        description="Print the record's sign-off log and, in a git repository, the commits that changed "
        "its verdict, certainty or approved wording.",
    )
    history.add_argument("id", metavar="ID", help="the record")
    history.set_defaults(run=cmd_history)

    new = commands.add_parser(
        "new",
        parents=[common],
        help="scaffold a record with every field",
        description="Write claims/ID.yaml with every field and TODO markers.",
    )
    new.add_argument("id", help="the new record's id, in kebab-case (also its file name)")
    new.add_argument("--stdout", action="store_true", help="print the record instead of writing it")
    new.add_argument(
        "--quote",
        metavar="TEXT",
        help="the claim's words: fills in the quote and finds its source document and section",
    )
    new.set_defaults(run=cmd_new)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    parser = build_parser()
    args = parser.parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except UsageError as exc:
        print(f"claimkb {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProblemsFound as exc:
        print(f"claimkb {args.command}: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except BrokenPipeError:  # output piped into head or less, and closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        print("claimkb: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the CLI edge: one clear line, never a traceback
        if os.environ.get("CLAIMKB_DEBUG"):
            raise
        print(
            f"claimkb {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            f"This is a bug in claimkb, not in your files. Please report it ({REPORT_BUGS}) with the "
            "command you ran and the output of the same command with CLAIMKB_DEBUG=1.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
