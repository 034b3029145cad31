"""Production settings pass Django's deployment checklist; assets are our own."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


# Directly on the internet, or behind a reverse proxy whose headers are trusted.
@pytest.mark.parametrize("proxies", ["0", "1"])
def test_check_deploy_is_clean_with_production_settings(tmp_path, proxies):
    env = {
        **{
            k: v
            for k, v in os.environ.items()
            if not k.startswith("LEVIER_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        "DJANGO_SETTINGS_MODULE": "levier.settings",
        "LEVIER_SECRET_KEY": "p" * 20 + "roduction-secret-key-with-enough-entropy-0123456789",
        "LEVIER_ALLOWED_HOSTS": "levier.example.org",
        "LEVIER_DATA_DIR": str(tmp_path),
        "LEVIER_TRUSTED_PROXIES": proxies,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_debug_is_off_unless_asked():
    result = subprocess.run(
        [sys.executable, "-c", "import levier.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "LEVIER_DEBUG"},
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "False"


def test_a_secret_key_is_generated_once_when_absent(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "LEVIER_SECRET_KEY"}
    env["LEVIER_DATA_DIR"] = str(tmp_path)
    code = "import levier.settings as s; print(s.SECRET_KEY)"
    first = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    second = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert len(first.stdout.strip()) >= 50
    assert first.stdout == second.stdout
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def test_no_page_loads_anything_from_another_site():
    external = re.compile(r"""(src|href)=["']?(https?:)?//""", re.IGNORECASE)
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "levier").rglob("*.html")
        if external.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_data_folder_is_ignored_by_git():
    assert "/data/" in (ROOT / ".gitignore").read_text().split()


def test_pages_render_with_production_static_files(client, db, settings, tmp_path):
    """Every asset a page references exists once collected with hashed names."""
    from django.core.management import call_command

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    call_command("collectstatic", interactive=False, verbosity=0)

    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert "pico.min." in response.content.decode()
    assert (tmp_path / "vendor" / "pico" / "pico.min.css").exists()


def test_production_pages_allow_no_inline_script_or_style():
    from levier import settings as production

    directives = production.CONTENT_SECURITY_POLICY["DIRECTIVES"]
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert "csp.middleware.CSPMiddleware" in production.MIDDLEWARE
    # Rate-limit counters are shared by every process, never in process memory.
    assert "locmem" not in production.CACHES["default"]["BACKEND"]
