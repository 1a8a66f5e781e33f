"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server.

With CI=true a missing browser fails the run; elsewhere the browser tests are skipped.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(django_settings.VAR_DIR) / "e2e"


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def demo(transactional_db, settings):
    """The demo zone and its logins (not the 74 demo projects: tests make what they look at), over plain http."""
    from diaodu.org.demo import seed_org
    from diaodu.projects.catalogue import load_catalogue
    from diaodu.projects.models import ProcedureType, ScheduleTemplate, TemplateStep

    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    settings.DIAODU_DEMO = True
    seed_org()
    # transactional_db flushes the tables after each test, the migration's catalogue with them.
    load_catalogue(ProcedureType, ScheduleTemplate, TemplateStep)


@pytest.fixture
def full_demo(demo):
    """Everything `seed_demo` loads, the demo projects included."""
    call_command("seed_demo")


@pytest.fixture
def page(browser, live_server, demo):
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.base_url = live_server.url
    # Anything the Content-Security-Policy blocks (an inline script, a foreign asset) fails the test.
    blocked = []
    page.on(
        "console", lambda message: blocked.append(message.text) if "Content Security Policy" in message.text else None
    )
    yield page
    context.close()
    assert blocked == [], blocked


@pytest.fixture
def shot():
    SHOTS.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def log_in(page, username: str, password: str = "Diaodu@2026"):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form[action='/accounts/login/'] button[type=submit]")
    page.wait_for_load_state("networkidle")
