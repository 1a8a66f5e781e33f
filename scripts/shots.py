"""Screenshots of pages as a given demo user sees them, for looking at what we build.

    .venv/bin/python scripts/shots.py USERNAME /path/ [/other/path/ ...] [--phone] [--base http://127.0.0.1:8000]

Needs `make run` (or runserver) with the demo data; writes var/shots/<user>_<path>.png.
"""

import argparse
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("user")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--phone", action="store_true")
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--password", default="Diaodu@2026")
    args = parser.parse_args()
    out = Path("var/shots")
    out.mkdir(parents=True, exist_ok=True)
    viewport = {"width": 390, "height": 844} if args.phone else {"width": 1366, "height": 900}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport=viewport, locale="zh-CN", is_mobile=args.phone)
        page.goto(args.base + "/accounts/login/")
        page.fill("#id_username", args.user)
        page.fill("#id_password", args.password)
        page.click("form[action='/accounts/login/'] button[type=submit]")
        page.wait_for_load_state("networkidle")
        for path in args.paths:
            page.goto(args.base + path)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(300)
            name = path.strip("/").replace("/", "_").replace("?", "_") or "home"
            target = out / f"{args.user}_{name}{'_phone' if args.phone else ''}.png"
            page.screenshot(path=str(target), full_page=True)
            print(target, page.title())
        browser.close()


if __name__ == "__main__":
    main()
