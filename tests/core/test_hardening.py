"""Hardening: login throttling, the Content-Security-Policy, and the security headers of every page."""

import pytest
from django.urls import reverse

from ..conftest import PASSWORD

pytestmark = pytest.mark.django_db


def attempt(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_wrong_passwords_lock_the_login_even_with_the_right_one_after(client, leader, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, "leader", "wrong-password")
        assert response.status_code == 200  # the form again, with its error
    assert attempt(client, "leader", "wrong-password").status_code == 429  # the fifth locks
    locked = attempt(client, "leader", PASSWORD)
    assert locked.status_code == 429
    assert "登录已暂时锁定" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_good_login_before_the_limit_resets_the_count(client, leader, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "leader", "wrong-password")
    assert attempt(client, "leader", PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "leader", "wrong-password")
    assert attempt(client, "leader", PASSWORD).status_code == 302


def test_a_locked_user_name_does_not_lock_another(client, leader, officer, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, "leader", "wrong-password")
    assert attempt(client, "officer", PASSWORD).status_code == 302


def test_pages_forbid_inline_scripts_frames_and_plugins(client, leader):
    client.force_login(leader)
    policy = client.get(reverse("project-list"))["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";") if part.strip())
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"] and "unsafe-eval" not in directives["script-src"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


def test_no_page_template_carries_an_inline_script(settings):
    """Scripts come from files (data through json_script); the CSP would block anything else."""
    import re
    from pathlib import Path

    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE)
    handlers = re.compile(r"\son(click|change|submit|load|input|keyup|keydown)=", re.IGNORECASE)
    offenders = []
    for template in Path(settings.BASE_DIR, "diaodu").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        if inline.search(text) or handlers.search(text):
            offenders.append(str(template))
    assert offenders == []


def test_the_api_docs_load_their_script_from_a_file(client):
    page = client.get(reverse("api-docs")).content.decode()
    assert "<script src=" in page or "<script  src=" in page
    assert "<script>" not in page


def test_responses_carry_the_security_headers(client, leader):
    client.force_login(leader)
    response = client.get(reverse("project-list"))
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
