"""Where the parts of a knowledge base live under its root folder (nothing else: commands that
only need the paths, such as a check answered from the cache, import this and not the loader)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CLAIMS_DIR = "claims"
SOURCES_DIR = "sources"
REFERENCES_FILE = "references.bib"
RULES_FILE = "rules/overreach.yaml"
CONCEPTS_FILE = "rules/concepts.yaml"
CACHE_DIR = ".claimkb-cache"  # derived work, beside the knowledge base
CACHE_VARIABLE = "CLAIMKB_CACHE_DIR"  # where every cache goes instead, when set


@dataclass(frozen=True)
class Layout:
    """Where the parts of a knowledge base live under ``root``."""

    root: Path

    @property
    def claims(self) -> Path:
        return self.root / CLAIMS_DIR

    @property
    def sources(self) -> Path:
        return self.root / SOURCES_DIR

    @property
    def references(self) -> Path:
        return self.root / REFERENCES_FILE

    @property
    def rules(self) -> Path:
        return self.root / RULES_FILE

    @property
    def concepts(self) -> Path:
        return self.root / CONCEPTS_FILE

    def shown(self, file: Path) -> str:
        """A path as the user should see it: relative to the root."""
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()
