"""Writing files: several together, all of them or none (records, a document, the caches)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path


def write_together(files: Sequence[tuple[Path, str | bytes]]) -> None:
    """Write every file or none (OSError then, and what was there is as it was).

    Each new text is staged beside its target first; then all are swapped in. Should a swap
    fail, the files already swapped get their old content back and new ones are removed.
    """
    staged: list[tuple[Path, Path]] = []
    try:
        for path, text in files:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
                handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            staged.append((Path(handle.name), path))
    except OSError:
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
    old = {path: path.read_bytes() if path.exists() else None for _, path in staged}
    done: list[Path] = []
    try:
        for temp, path in staged:
            os.replace(temp, path)
            done.append(path)
    except OSError:
        for path in done:
            before = old[path]
            if before is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(before)
        for temp, _ in staged:
            temp.unlink(missing_ok=True)
        raise
