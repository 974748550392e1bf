"""`mkdocs serve` shows the site from memory and rebuilds when a record changes."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from conftest import VALID, resign


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch_until(url: str, wanted: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    text = ""
    while time.monotonic() < deadline:
        try:
            text = urllib.request.urlopen(url, timeout=5).read().decode()
            if wanted in text:
                return text
        except OSError:
            pass
        time.sleep(0.3)
    return text


def test_serve_live_reloads_when_a_record_changes(tmp_path: Path):
    root = Path(shutil.copytree(VALID, tmp_path / "kb"))
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/claims/ice-cures-headache/"
        assert "A 2010 study found that ice packs cure headaches" in _fetch_until(url, "ice packs cure", 30)
        record = root / "claims" / "ice-cures-headache.yaml"
        record.write_text(
            record.read_text().replace(
                "title: A 2010 study found that ice packs cure headaches", "title: Changed while serving"
            )
        )
        resign(root)
        assert "Changed while serving" in _fetch_until(url, "Changed while serving", 30)
        assert not (root / "site").exists() and sorted(p.name for p in (root / "docs").iterdir()) == ["methodology.md"]
    finally:
        server.terminate()
        server.wait(timeout=10)
