"""Two app servers on one PostgreSQL and one Redis behave as one.

Starts two gunicorn servers on different ports with the same REDIS_URL and a
fresh PostgreSQL database, then checks, through real HTTP requests:

- a member signs in through the first server and uses the session on the
  second;
- a content manager publishes a guide through the first server's admin, and
  the second shows it on the very next request (its guide pages are cached,
  in the shared cache);
- failed sign-ins through the first server reach the rate limit, and the
  second refuses the next attempt too.

    REDIS_URL=redis://127.0.0.1:6379/0 .venv/bin/python bench/scaleout.py

`.ci/run` starts Redis and runs it. Exits non-zero on the first failed check.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import hmac
import http.client
import os
import re
import struct
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from run import GUNICORN, PYTHON, fresh_database, sh

PASSWORD = "scale-out-password-1"  # noqa: S105 - a throwaway test database
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - likewise
MEMBER = "member@scaleout.test"
EDITOR = "editor@scaleout.test"
LIMITED = "limited@scaleout.test"
TOO_MANY = "Too many failed login attempts"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def setup() -> None:
    """Accounts and content, run inside Django (``scaleout.py setup``)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from allauth.mfa.totp.internal.auth import TOTP
    from django.contrib.auth.models import Group

    from accounts.models import User
    from guides.models import Guide
    from publishing.importer import import_content

    import_content()
    for email, staff in ((MEMBER, False), (EDITOR, True), (LIMITED, False)):
        user = User.objects.create_user(email, PASSWORD, name=email.split("@")[0],
                                        is_staff=staff)  # fmt: skip
        EmailAddress.objects.create(user=user, email=email, verified=True,
                                    primary=True)  # fmt: skip
    editor = User.objects.get(email=EDITOR)
    editor.groups.add(Group.objects.get(name="Content managers"))
    TOTP.activate(editor, TOTP_SECRET)
    guide = Guide.objects.order_by("pk").last()
    Guide.objects.filter(pk=guide.pk).update(status=Guide.Status.DRAFT)
    print(f"{guide.pk} {guide.slug} {guide.title}")


def totp(secret: str) -> str:
    """The authenticator's current 6-digit code (RFC 6238, 30 s, SHA-1)."""
    key = base64.b32decode(secret)
    counter = struct.pack(">Q", int(time.time()) // 30)
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    code = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{code % 1_000_000:06d}"


class Browser:
    """Cookies and plain HTTP requests to one server (no redirects followed)."""

    def __init__(self, port: int, cookies: dict | None = None) -> None:
        self.port = port
        self.cookies = dict(cookies or {})

    def request(self, method: str, path: str, data: dict | None = None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1",
                   "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}  # fmt: skip
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn.request(method, path, body, headers)
        response = conn.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        conn.close()
        return response.status, response.getheader("Location", ""), text

    def get(self, path: str):
        return self.request("GET", path)

    def post_form(self, path: str, data: dict, form_page: str | None = None):
        """POST ``data`` with the CSRF token of the form on ``form_page``."""
        _, _, page = self.get(form_page or path)
        token = TOKEN.search(page)
        if token is None:
            check(False, f"a CSRF token on {form_page or path}")
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": token[1]})

    def sign_in(self, email: str, password: str = PASSWORD):
        return self.post_form(
            "/accounts/login/", {"login": email, "password": password}
        )


def check(condition: bool, what: str) -> None:
    if not condition:
        print(f"FAILED: {what}")
        raise SystemExit(1)
    print(f"ok: {what}")


def start(env: dict, port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [GUNICORN, "config.wsgi", "--workers", "2", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(60):
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError(f"gunicorn on {port} did not start")


def checks(a: int, b: int, guide_pk: str, slug: str, title: str) -> None:
    # A session made on one server is good on the other.
    member = Browser(a)
    status, location, _ = member.sign_in(MEMBER)
    check(status == 302 and "sessionid" in member.cookies,
          f"the member signs in through :{a}")  # fmt: skip
    on_b = Browser(b, member.cookies)
    status, _, page = on_b.get("/")
    # A member's dashboard greets them ("Welcome, …" on a first visit).
    check(status == 200 and "Welcome" in page and "Sign out" in page,
          f"the session made on :{a} opens the dashboard on :{b}")  # fmt: skip

    # A guide published through one server shows on the other at once.
    status, _, page = on_b.get("/guides/")
    check(status == 200 and title not in page,
          f":{b} lists the guides (now cached there) without the draft")  # fmt: skip
    check(on_b.get(f"/guides/{slug}/")[0] == 404, f"the draft is a 404 on :{b}")
    editor = Browser(a)
    status, location, _ = editor.sign_in(EDITOR)
    check(status == 302 and "/2fa/" in location, "the content manager's password")
    status, location, _ = editor.post_form(location, {"code": totp(TOTP_SECRET)})
    check(status == 302, f"the content manager's second factor on :{a}")
    status, _, _ = editor.post_form(
        "/admin/guides/guide/",
        {"action": "publish_now", "_selected_action": guide_pk, "index": "0"},
    )
    check(status == 302, f"the guide is published through :{a}'s admin")
    status, _, page = on_b.get("/guides/")
    check(status == 200 and title in page,
          f":{b} lists the new guide on the very next request")  # fmt: skip
    check(on_b.get(f"/guides/{slug}/")[0] == 200, f":{b} serves the guide's page")

    # The sign-in rate limit is shared: hit through one, enforced by the other.
    limited = Browser(a)
    attempts = 0
    for attempts in range(1, 13):  # noqa: B007 - the count is reported
        status, _, page = limited.sign_in(LIMITED, "not-the-password")
        if TOO_MANY in page:
            break
    check(TOO_MANY in page,
          f"failed sign-ins through :{a} reach the limit ({attempts} attempts)")  # fmt: skip
    fresh = Browser(b)
    status, _, page = fresh.sign_in(LIMITED)  # the right password, even
    check(status == 200 and TOO_MANY in page and "sessionid" not in fresh.cookies,
          f":{b} refuses the next sign-in too, right password or not")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", nargs="?", default="check",
                        choices=["check", "setup"])  # fmt: skip
    parser.add_argument("--database", default="crossroads_scaleout")
    parser.add_argument("--ports", type=int, nargs=2, default=[8781, 8782])
    args = parser.parse_args()
    if args.command == "setup":
        setup()
        return
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        raise SystemExit("Set REDIS_URL: the servers must share one Redis.")
    env = {**fresh_database(args.database), "REDIS_URL": redis_url}
    env.pop("DJANGO_BENCH_FLOOR", None)
    sh(PYTHON, "manage.py", "collectstatic", "--no-input", env=env)
    sh("redis-cli", "-u", redis_url, "FLUSHDB")
    guide_pk, slug, title = (
        sh(PYTHON, __file__, "setup", env=env).strip().splitlines()[-1].split(" ", 2)
    )
    servers = [start(env, port) for port in args.ports]
    try:
        checks(*args.ports, guide_pk, slug, title)
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
    print("Scale-out checks passed.")


if __name__ == "__main__":
    main()
