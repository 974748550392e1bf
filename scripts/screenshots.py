#!/usr/bin/env python3
"""Take the README's screenshots of the built site with Debian's Chromium.

Usage: .venv/bin/python scripts/screenshots.py   (after `make site`)
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parent.parent
SHOTS = {
    "docs/images/claim-page.png": "public/claims/eczema-finnish-study/",
    "docs/images/annotated-article.png": "public/article/benefits-of-localized-cryotherapy/#bodily-pain-relief",
    "docs/images/claims-index.png": "public/claims/",
    "docs/images/wording-library.png": "internal/wording/",
}


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(REPO / "site")))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path="/usr/bin/chromium",
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 860})
        for target, path in SHOTS.items():
            page.goto(f"{base}/{path}")
            page.wait_for_load_state("networkidle")
            (REPO / target).parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(REPO / target))
            print(f"wrote {target}")
        browser.close()
    httpd.shutdown()


if __name__ == "__main__":
    main()
