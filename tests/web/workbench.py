"""The workbench under test: an app on a registry of either backend with two accounts, clients logged in as
either, the CSRF token of a page, and a live server with a headless Chromium driven by Playwright.

Accounts: HEAD (负责人) and REVIEWER (审查员), passwords PASSWORD. Screenshots go to SHOTS (made in CI, looked at).
"""

from __future__ import annotations

import os
import re
import shutil
import threading
from contextlib import contextmanager
from pathlib import Path

from reviewtools.registry import Registry
from reviewtools.registry.accounts import Accounts
from reviewtools.settings import Settings
from reviewtools.web import Options, create_app
from tests.conftest import ROOT, require

HEAD, REVIEWER, PASSWORD = "zhang", "li", "审查工作台-测试密码"
SAMPLE = ROOT / "examples" / "示例草案.docx"
SHOTS = Path(os.environ.get("REVIEWTOOLS_SCREENSHOTS") or ROOT / "build" / "screenshots")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--lang=zh-CN"]


def make_app(db, data: Path, *, local: bool = False, folders: tuple[Path, ...] = (), **settings):
    """The workbench on registry `db` with the two accounts (none with `local`)."""
    if not local:
        with Registry(db) as reg:
            accounts = Accounts(reg)
            if accounts.count() == 0:
                accounts.add(HEAD, PASSWORD, "head", "张科长")
                accounts.add(REVIEWER, PASSWORD, "reviewer", "李审查员")
    return create_app(Options(str(db), data, folders, local, Settings(**settings), workers=1))


def token(client, url: str = "/login") -> str:
    """The CSRF token of the page at `url`."""
    page = client.get(url).get_data(as_text=True)
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found, f"no CSRF token on {url}"
    return found.group(1)


def logged_in(app, username: str = HEAD):
    client = app.test_client()
    response = client.post("/login", data={"username": username, "password": PASSWORD, "csrf_token": token(client)})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def post(client, url: str, data: dict, page: str = "/", **kwargs):
    """POST `data` to `url` with the CSRF token taken from `page`."""
    return client.post(url, data={**data, "csrf_token": token(client, page)}, **kwargs)


@contextmanager
def serving(app):
    """The app served by waitress on a free port of 127.0.0.1, in a thread; yields its base URL."""
    import waitress

    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


def chromium() -> str:
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    require(bool(path), "no Chromium for the browser tests (apt-get install chromium)")
    return path


@contextmanager
def browser():
    """A headless Chromium page at 1280×800 (Debian's chromium, driven by Playwright; nothing downloaded)."""
    executable = chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_FLAGS)
        try:
            context = b.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN", accept_downloads=True)
            page = context.new_page()
            page.set_default_timeout(30_000)
            yield page
        finally:
            b.close()


def shot(page, name: str) -> Path:
    """A screenshot of the page as it stands (the viewport, 1280×800) under SHOTS."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def log_in(page, base: str, username: str = HEAD) -> None:
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/")
