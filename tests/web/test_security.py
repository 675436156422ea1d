"""What the workbench refuses: requests without a CSRF token, paths leaving the configured folders, uploads
over the limits, markup smuggled in a document, password guessing, and off-site redirects."""

from __future__ import annotations

import io
import json
import re

import pytest
from click.testing import CliRunner

from reviewtools.cli import main
from reviewtools.web import auth
from tests.web.workbench import HEAD, PASSWORD, SAMPLE, logged_in, make_app, post, token, upload

HOSTILE_TITLE = "关于<script>alert(1)</script>支持<img src=x onerror=alert(2)>企业发展的通知"
HOSTILE = (f"{HOSTILE_TITLE}\n第一条 对本地企业<b onmouseover=alert(3)>优先采购</b>，"
           "违者由市场监管部门处以<script>alert(4)</script>五千元罚款。\n").encode()
HOSTILE_NAME = "<svg onload=alert(5)>.txt"


@pytest.fixture
def app(tmp_path):
    return make_app(tmp_path / "r.sqlite", tmp_path / "web", web_upload_mb=0.05, web_files=3)


def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(app):
    client = logged_in(app)
    refused = upload(client, [("示例草案.docx", SAMPLE.read_bytes())], with_token=False)
    assert refused.status_code == 400
    assert "请求缺少有效的安全令牌" in refused.get_data(as_text=True)
    assert "示例草案.docx" not in client.get("/").get_data(as_text=True)
    assert client.post("/login", data={"username": HEAD, "password": PASSWORD}).status_code == 400
    forged = client.post("/accounts/", data={"action": "add", "username": "mallory", "password": "x" * 12,
                                             "role": "head", "csrf_token": "forged"})
    assert forged.status_code == 400 and "mallory" not in client.get("/accounts/").get_data(as_text=True)


@pytest.mark.parametrize("url", [
    "/rounds/..%2F..%2Fetc%2Fpasswd", "/rounds/1/memo.docx/../../../../etc/passwd", "/static/../app.py",
    "/static/..%2Fapp.py", "/static/%2e%2e/%2e%2e/registry/accounts.py", "/rounds/1/memo.%2E%2E%2Fpasswd",
])
def test_a_path_in_a_url_never_reaches_a_file_outside_the_workbench(app, url):
    client = logged_in(app)
    response = client.get(url)
    assert response.status_code == 404
    body = response.get_data(as_text=True)
    assert "root:" not in body and "import" not in body


def test_an_uploaded_file_name_is_a_label_never_a_path(app, tmp_path):
    client = logged_in(app)
    response = upload(client, [("../../逃逸.txt", "关于支持企业发展的通知\n对本地企业优先采购。".encode())])
    assert response.status_code == 303
    assert not list(tmp_path.glob("**/逃逸.txt")) and not (tmp_path.parent / "逃逸.txt").exists()
    stored = [p for p in (tmp_path / "web" / "uploads").rglob("*") if p.is_file()]
    assert len(stored) == 1 and re.fullmatch(r"[0-9a-f]{64}", stored[0].name)
    assert ".._.._逃逸.txt" in client.get("/").get_data(as_text=True)


def test_an_oversized_upload_is_refused_with_a_chinese_message(app):
    client = logged_in(app)
    big = b"x" * int(0.06 * 1024 * 1024)
    response = upload(client, [("大文件.txt", big)])
    assert response.status_code == 303
    home = client.get("/").get_data(as_text=True)
    assert "无法读取 大文件.txt：文件超过 0.05 MB 的上传上限。" in home
    whole = upload(client, [(f"文件{i}.txt", big) for i in range(3)] + [("多余.txt", big)] * 20)
    assert whole.status_code == 413
    assert "上传的文件太大：单个文件不超过 0.05 MB，一次不超过 3 个文件。" in whole.get_data(as_text=True)
    many = upload(client, [(f"文件{i}.txt", "通知\n正文。".encode()) for i in range(4)])
    assert many.status_code == 303
    assert "一次最多上传 3 个文件（这次选了 4 个）。" in client.get("/").get_data(as_text=True)


def test_markup_in_a_documents_title_and_text_is_inert_in_every_page_and_download(app):
    client = logged_in(app)
    assert upload(client, [(HOSTILE_NAME, HOSTILE)]).headers["Location"] == "/rounds/1"
    pages = {url: client.get(url) for url in ("/", "/rounds/1", "/rounds/1/memo.html", "/rounds/1/memo.md")}
    for url, response in pages.items():
        html = response.get_data(as_text=True)
        assert "<script>alert" not in html and "<img src=x" not in html and "<svg onload" not in html, url
        assert not re.search(r"<[a-z]+[^>]*\son\w+=", html), url
        assert re.search(r"&lt;svg onload\\?=alert\\?\(5\\?\)&gt;", html), url  # the name, shown as text
    for url in ("/rounds/1", "/rounds/1/memo.html"):  # the text, shown as text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages[url].get_data(as_text=True)
        assert "&lt;b onmouseover=alert(3)&gt;" in pages[url].get_data(as_text=True)
    assert "default-src 'self'" in pages["/rounds/1"].headers["Content-Security-Policy"]
    assert "sandbox" in pages["/rounds/1/memo.html"].headers["Content-Security-Policy"]
    memo = json.loads(client.get("/rounds/1/memo.json").data)  # data, downloaded, never rendered as a page
    assert memo["source"]["path"] == HOSTILE_NAME
    response = client.get("/rounds/1/memo.json")
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    annotated = client.get("/rounds/1/annotated.docx").data
    import zipfile

    with zipfile.ZipFile(io.BytesIO(annotated)) as z:
        body = z.read("word/document.xml").decode("utf-8")
    assert "&lt;script&gt;" in body and "<script>" not in body


def test_wrong_passwords_are_rate_limited(app, monkeypatch):
    monkeypatch.setattr(auth, "_throttle", auth.Throttle())
    client = app.test_client()
    for _ in range(auth.FAILURES):
        wrong = client.post("/login", data={"username": HEAD, "password": "猜一猜", "csrf_token": token(client)})
        assert wrong.status_code == 401 and "用户名或密码不正确。" in wrong.get_data(as_text=True)
    locked = client.post("/login", data={"username": HEAD, "password": PASSWORD, "csrf_token": token(client)})
    assert locked.status_code == 429
    assert re.search(r"登录失败次数过多，请 \d+ 秒后再试。", locked.get_data(as_text=True))
    other = app.test_client()  # the same name from elsewhere is locked too: guessing one account is what it stops
    assert other.post("/login", data={"username": HEAD, "password": PASSWORD,
                                      "csrf_token": token(other)}).status_code == 429


def test_an_unknown_name_and_a_wrong_password_are_told_alike(app):
    client = app.test_client()
    unknown = client.post("/login", data={"username": "nobody", "password": "x", "csrf_token": token(client)})
    wrong = client.post("/login", data={"username": HEAD, "password": "x", "csrf_token": token(client)})
    assert unknown.status_code == wrong.status_code == 401
    assert "用户名或密码不正确。" in unknown.get_data(as_text=True) and "用户名或密码不正确。" in wrong.get_data(as_text=True)


def test_every_page_needs_a_login_and_after_it_goes_nowhere_off_site(app):
    client = app.test_client()
    for url in ("/", "/rounds/1", "/rounds/1/memo.docx", "/accounts/", "/screening/", "/cleanup/"):
        response = client.get(url)
        assert response.status_code == 302 and response.headers["Location"].startswith("/login"), url
    for target, landing in (("//evil.example/", "/"), ("https://evil.example/", "/"), ("/rounds/1", "/rounds/1")):
        fresh = app.test_client()
        done = fresh.post(f"/login?next={target}", data={"username": HEAD, "password": PASSWORD,
                                                        "csrf_token": token(fresh)})
        assert done.headers["Location"] == landing


def test_a_reviewer_cannot_manage_accounts(app):
    client = logged_in(app, "li")
    assert client.get("/accounts/").status_code == 403
    response = post(client, "/accounts/", {"action": "role", "username": "li", "role": "head"})
    assert response.status_code == 403 and "没有权限：这项操作需要负责人角色。" in response.get_data(as_text=True)
    head = logged_in(app, HEAD)
    assert "李审查员</td><td>审查员</td>" in head.get("/accounts/").get_data(as_text=True)


def test_local_mode_binds_this_machine_only_and_needs_no_login(tmp_path):
    refused = CliRunner().invoke(main, ["serve", "--local", "--host", "0.0.0.0", "--db", str(tmp_path / "r.sqlite")])
    assert refused.exit_code == 2 and "--local 只监听本机（127.0.0.1）" in refused.stderr
    app = make_app(tmp_path / "r.sqlite", tmp_path / "web", local=True)
    assert app.test_client().get("/").status_code == 200


def test_serving_an_office_without_accounts_is_refused_with_what_to_do(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--db", str(tmp_path / "r.sqlite"), "--data", str(tmp_path / "w")])
    assert result.exit_code == 2
    assert "还没有账号：先运行 reviewtools user add 用户名 --role 负责人" in result.stderr
