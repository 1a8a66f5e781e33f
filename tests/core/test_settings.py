"""Settings come from the environment, typed, and refuse what would be unsafe."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRINT_SETTINGS = (
    "import django, json; from django.conf import settings; django.setup();"
    "db = settings.DATABASES['default'];"
    "print(json.dumps({'engine': db['ENGINE'], 'name': str(db['NAME']), 'host': db.get('HOST', ''),"
    "'options': {k: str(v) for k, v in db.get('OPTIONS', {}).items()}, 'lang': settings.LANGUAGE_CODE,"
    "'tz': settings.TIME_ZONE, 'debug': settings.DEBUG, 'hosts': settings.ALLOWED_HOSTS,"
    "'key': settings.SECRET_KEY}))"
)


def run_settings(tmp_path, **env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "ALLOWED_HOSTS", "LANGUAGE_CODE", "TIME_ZONE"}
    }
    environment.update({"DJANGO_SETTINGS_MODULE": "diaodu.settings", "DIAODU_VAR_DIR": str(tmp_path), **env})
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=environment, capture_output=True, text=True
    )


def test_defaults_are_sqlite_in_wal_mode_chinese_and_shanghai(tmp_path):
    result = run_settings(tmp_path, DEBUG="true")
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "diaodu.sqlite3")
    assert "journal_mode=WAL" in values["options"]["init_command"]
    assert values["lang"] == "zh-hans"
    assert values["tz"] == "Asia/Shanghai"


def test_secret_key_is_generated_once_into_var_when_debug_is_on(tmp_path):
    first = json.loads(run_settings(tmp_path, DEBUG="true").stdout)["key"]
    second = json.loads(run_settings(tmp_path, DEBUG="true").stdout)["key"]
    assert len(first) >= 50
    assert first == second == (tmp_path / "secret_key").read_text().strip()


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = run_settings(tmp_path, DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr
    assert not (tmp_path / "secret_key").exists()


def test_a_postgresql_database_url_needs_no_other_change(tmp_path):
    result = run_settings(
        tmp_path,
        DEBUG="false",
        SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://diaodu:pw@db.internal:5432/diaodu",
    )
    values = json.loads(result.stdout)
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["host"] == "db.internal"
    assert values["name"] == "diaodu"


def test_bad_values_are_refused(tmp_path):
    result = run_settings(tmp_path, DEBUG="maybe-not", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "DEBUG must be true or false, not 'maybe-not'" in result.stderr


def test_allowed_hosts_is_a_list(tmp_path):
    values = json.loads(run_settings(tmp_path, DEBUG="true", ALLOWED_HOSTS="a.gov.cn,b.gov.cn").stdout)
    assert values["hosts"] == ["a.gov.cn", "b.gov.cn"]


@pytest.mark.django_db
def test_the_login_page_shows_demo_logins_only_in_demo_mode(client, settings):
    settings.DIAODU_DEMO = False
    assert "Diaodu@2026" not in client.get(reverse("login")).text
    settings.DIAODU_DEMO = True
    page = client.get(reverse("login")).text
    assert "Diaodu@2026" in page
    assert "leader" in page


@pytest.mark.django_db
def test_health_check_answers_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.text == "ok"
