"""Browser tests: Playwright for Python driving Debian's Chromium, with axe-core for accessibility.

No browser is downloaded: Chromium comes from Debian (scripts/setup.sh installs it) and axe-core
from npm (package-lock.json).
"""

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the same test
# are still synchronous, so allow them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

# As long for an expectation as for an action (the page's default below): on a shared, busy
# machine a live check that answers in a second can take several.
expect.set_options(timeout=15_000)

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
]
AXE = settings.NODE_MODULES / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: run `make setup` (it installs Debian's chromium).")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def open_page(browser: Browser, blocked: list[str] | None = None) -> Page:
    """A page in a fresh browser context the size of a tablet on its side, with axe-core loaded
    into every document as the browser starts it (outside the page's Content-Security-Policy,
    which allows no inline script, so the policy stays on under test). What the policy blocks is
    added to ``blocked``."""
    context = browser.new_context(viewport={"width": 1024, "height": 768})
    context.add_init_script(path=str(AXE))
    pg = context.new_page()
    pg.set_default_timeout(15000)
    if blocked is not None:
        pg.on("console", lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None)
    return pg


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    blocked: list[str] = []
    pg = open_page(browser, blocked)
    yield pg
    pg.context.close()
    assert blocked == [], f"the Content-Security-Policy blocked: {blocked}"


@pytest.fixture
def demo(transactional_db: Any, live_server: Any, demo_restored: Callable[[], None]) -> Any:
    """The demo homes behind a live server (restored from the one load this run made)."""
    demo_restored()
    return live_server


# What Chromium says when the script lands on a document that a click's navigation is replacing:
# the old one is being torn down, or the new one has no <head> yet.
NAVIGATING = ("Execution context was destroyed", "reading 'appendChild'", "navigation")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page; return its violations (empty when the page passes).

    A link's click returns once its navigation has started, not finished, so the page is first
    left to load; if the navigation still replaces the document under axe, it is run again on the
    new one (twice at most), so a test never audits, or fails on, a half-loaded page.
    """
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            result: list[dict[str, Any]] = page.evaluate(
                "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
                AXE_TAGS,
            )
        except PlaywrightError as error:
            if attempt == 2 or not any(sign in str(error) for sign in NAVIGATING):
                raise
            page.wait_for_timeout(100)
        else:
            return result
    raise AssertionError("unreachable")  # pragma: no cover


def assert_accessible(page: Page) -> None:
    violations = axe_violations(page)
    summary = [f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {v['nodes'][0]['target']})" for v in violations]
    assert violations == [], f"axe found on {page.url}:\n" + "\n".join(summary)
