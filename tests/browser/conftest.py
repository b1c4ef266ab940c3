"""Browser tests: headless Chromium driven by Playwright (sync API) against pytest-django's
live server.

Nothing here downloads a browser: Chromium is the system one (env CHROMIUM_PATH, then
/usr/bin/chromium, then /usr/bin/chromium-browser). axe-core comes from the npm
registry and is installed once into tests/browser/.axe/ (gitignored).

When Chromium, Playwright, npm or axe-core is not available the browser tests are
skipped with the reason, unless VUNTRONG_REQUIRE_BROWSER=1 (CI), which makes them fail.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.db import connections

from ..factories import add_catalogue, add_course, build_site

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
AXE_DIR = HERE / ".axe"
AXE_JS = AXE_DIR / "node_modules" / "axe-core" / "axe.min.js"

CHROMIUM_CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
# No internet on CI machines: without the background-networking flags Chromium stalls on
# refused connections to Google services.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 640}
TIMEOUT_MS = 5_000
NAVIGATION_TIMEOUT_MS = 10_000
LAUNCH_TIMEOUT_MS = 30_000
NPM_TIMEOUT_S = 180
BLOCKING_IMPACTS = {"serious", "critical"}


def browser_required() -> bool:
    return os.environ.get("VUNTRONG_REQUIRE_BROWSER") == "1"


def unavailable(reason: str):
    """Skip, or fail when the environment promises a browser (CI)."""
    if browser_required():
        pytest.fail(
            f"{reason} (VUNTRONG_REQUIRE_BROWSER=1: failing instead of skipping)", pytrace=False
        )
    pytest.skip(reason)


def find_chromium() -> str | None:
    candidates = [os.environ.get("CHROMIUM_PATH", ""), *CHROMIUM_CANDIDATES]
    for candidate in candidates:
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="session")
def chromium_executable() -> str:
    path = find_chromium()
    if path is None:
        tried = ", ".join(
            [f"$CHROMIUM_PATH={os.environ.get('CHROMIUM_PATH') or '(unset)'}", *CHROMIUM_CANDIDATES]
        )
        unavailable(
            f"no Chromium binary found (tried {tried}); browser tests need a system Chromium"
        )
    return path


@pytest.fixture
def browser(chromium_executable, transactional_db, django_db_serialized_rollback):
    """A headless Chromium, started per test after the database is ready.

    The live server reads the database from another thread, so browser tests need real
    commits (transactional_db); serialized rollback brings back what the migrations
    created (the Wagtail root page, the program types) after each flush.

    Playwright's sync API keeps an asyncio loop running in this thread while it is
    started. Django then refuses ORM calls here (SynchronousOnlyOperation) unless
    DJANGO_ALLOW_ASYNC_UNSAFE is set (the documented workaround, set only while Playwright
    runs), and hands out separate connections keyed to that loop's context. So Playwright
    starts after the database fixtures and stops before their teardown, and the
    connections opened meanwhile are closed before it stops. Build content in fixtures
    listed before ``phone_page`` so it is written before the browser starts.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("the playwright package is not installed (pip install -e '.[dev]')")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable,
            args=CHROMIUM_ARGS,
            headless=True,
            timeout=LAUNCH_TIMEOUT_MS,
        )
        try:
            yield browser
        finally:
            browser.close()
    finally:
        connections.close_all()
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """Path of axe.min.js, installed from the npm registry on first use."""
    if AXE_JS.is_file():
        return AXE_JS
    npm = shutil.which("npm")
    if npm is None:
        unavailable("axe-core is not installed and npm is not on PATH to install it")
    AXE_DIR.mkdir(parents=True, exist_ok=True)
    command = [npm, "install", "--no-audit", "--no-fund", "--prefix", str(AXE_DIR), "axe-core@4"]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=NPM_TIMEOUT_S, check=False
        )
    except subprocess.TimeoutExpired:
        unavailable(f"`{' '.join(command)}` did not finish within {NPM_TIMEOUT_S}s")
    if result.returncode != 0 or not AXE_JS.is_file():
        output = (result.stderr or result.stdout).strip()[-1500:]
        unavailable(f"could not install axe-core with `{' '.join(command)}`:\n{output}")
    return AXE_JS


@pytest.fixture(scope="session")
def artifacts_dir() -> Path:
    """Screenshots and axe reports of the last run (gitignored)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for stale in [*ARTIFACTS.glob("*.png"), *ARTIFACTS.glob("axe-*.json")]:
        stale.unlink()
    return ARTIFACTS


@pytest.fixture
def shoot(artifacts_dir):
    def shoot(page, name: str) -> Path:
        path = artifacts_dir / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return shoot


@pytest.fixture
def phone_page(browser):
    """Factory: a fresh context and page sized like a small phone.

    Each page records console errors and uncaught exceptions in ``page.errors``.
    ``bypass_csp`` is only for injecting axe-core, which the site's CSP would block.
    """
    contexts = []

    def new_page(*, bypass_csp: bool = False):
        context = browser.new_context(
            viewport=PHONE,
            screen=PHONE,
            device_scale_factor=2,
            is_mobile=True,
            has_touch=True,
            locale="vi-VN",
            timezone_id="Asia/Ho_Chi_Minh",
            bypass_csp=bypass_csp,
        )
        contexts.append(context)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(NAVIGATION_TIMEOUT_MS)
        page = context.new_page()
        page.errors = []
        page.on(
            "console",
            lambda message: page.errors.append(message.text) if message.type == "error" else None,
        )
        page.on("pageerror", lambda error: page.errors.append(f"uncaught: {error}"))
        return page

    yield new_page
    for context in contexts:
        context.close()


def format_violations(violations) -> str:
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        target = nodes[0]["target"] if nodes else "-"
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
            f" ({len(nodes)} node(s); first: {target})"
        )
    return "\n".join(lines) or "  (none)"


@pytest.fixture
def axe_check(axe_script, artifacts_dir):
    """Run axe-core on the page; fail on serious or critical violations.

    Every violation (all impacts) is printed and saved to artifacts/axe-<name>.json.
    """

    def check(page, name: str):
        page.add_script_tag(path=str(axe_script))
        violations = page.evaluate(
            """async () => {
                const results = await axe.run();
                return results.violations.map((v) => ({
                    id: v.id,
                    impact: v.impact,
                    help: v.help,
                    helpUrl: v.helpUrl,
                    nodes: v.nodes.map((n) => ({
                        target: n.target,
                        html: n.html,
                        summary: n.failureSummary,
                    })),
                }));
            }"""
        )
        (artifacts_dir / f"axe-{name}.json").write_text(
            json.dumps(violations, ensure_ascii=False, indent=2), encoding="utf-8"
        )
        print(f"axe on {name} ({page.url}):\n{format_violations(violations)}")
        blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
        assert not blocking, (
            f"axe found serious/critical violations on {name} ({page.url}):\n"
            f"{format_violations(blocking)}"
        )
        return violations

    return check


@pytest.fixture
def journey_content(transactional_db, django_db_serialized_rollback):
    """Home > catalogue > a course about the Party with three lessons.

    Returns plain values (titles and addresses), read before the browser starts.
    """
    home = build_site()
    catalogue = add_catalogue(home)
    course = add_course(catalogue, title="Bồi dưỡng nhận thức về Đảng", lessons=3)
    lessons = [{"title": lesson.title, "url": lesson.url} for lesson in course.lessons()]
    return {"title": course.title, "url": course.url}, lessons
