"""The journey pages are valid HTML according to the W3C Nu HTML Checker.

The checker is vnu-jar from npm (``npm install -g vnu-jar``), run with Java.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.e2e.journey import build_journey

VNU_JAR = Path("/usr/lib/node_modules/vnu-jar/build/dist/vnu.jar")


def _vnu_command() -> list[str]:
    java = shutil.which("java")
    npm = shutil.which("npm")
    jar = VNU_JAR
    if npm:
        root = subprocess.run(  # noqa: S603 - npm found on PATH, fixed arguments
            [npm, "root", "-g"], capture_output=True, text=True, check=False
        ).stdout.strip()
        jar = Path(root) / "vnu-jar/build/dist/vnu.jar" if root else jar
    if not java or not jar.exists():
        pytest.fail(
            "The HTML checker needs java and vnu-jar (make test installs them)."
        )
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


def _pages(client, tmp_path: Path) -> dict[Path, str]:
    journey = build_journey()
    files: dict[Path, str] = {}

    def save(label: str, url: str, response) -> None:
        assert response.status_code in (200, 400), (url, response.status_code)
        path = tmp_path / f"{len(files):02d}-{label}.html"
        path.write_bytes(response.content)
        files[path] = f"{label} {url}"

    for url in journey.anonymous:
        save("visitor", url, client.get(url))
    # A sign-up with errors shows the password rules beside the field.
    save("visitor", "/accounts/signup/ (errors)", client.post(
        "/accounts/signup/", {"email": "new@example.com", "password1": "short",
                              "password2": "other"}))  # fmt: skip
    client.force_login(journey.member)
    for url in journey.signed_in:
        save("member", url, client.get(url))
    return files


def test_journey_pages_are_valid_html(client, tmp_path) -> None:
    files = _pages(client, tmp_path)
    assert len(files) >= 18
    run = subprocess.run(  # noqa: S603 - java and our own rendered files
        [*_vnu_command(), *map(str, files)], capture_output=True, text=True,
        timeout=300, check=False,
    )  # fmt: skip
    messages = json.loads(run.stderr or '{"messages": []}')["messages"]
    by_page = [
        f"{files[Path(m['url'].removeprefix('file:'))]} line {m.get('lastLine')}: "
        f"{m['message']}"
        for m in messages
    ]
    assert by_page == [], "\n".join(by_page)
