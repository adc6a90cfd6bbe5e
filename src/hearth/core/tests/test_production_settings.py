"""The production configuration is safe by default (config/settings/production.py): it refuses to
start without each secret or site value, passes Django's deployment check, and the headers every
page carries hold in the settings the suite runs under too."""

import os
import subprocess
import sys
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings
from django.urls import reverse

from hearth.conftest import World

GOOD_ENV = {
    "HEARTH_SECRET_KEY": "k" * 20 + "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGH",
    "DATABASE_URL": "postgres://hearth:pw@db.example.org:5432/hearth",
    "HEARTH_ALLOWED_HOSTS": "hearth.example.org",
    "HEARTH_EMAIL_HOST": "smtp.example.org",
    "HEARTH_EMAIL_FROM": "hearth@example.org",
}


def run_check(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # As a server's environment would be: none of the suite's own settings (the browser tests set
    # DJANGO_ALLOW_ASYNC_UNSAFE for Playwright, which the deployment check rightly refuses).
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in GOOD_ENV and not k.startswith(("HEARTH_", "DJANGO_ALLOW_ASYNC_UNSAFE"))
    }
    return subprocess.run(
        [sys.executable, "-m", "django", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, **env, "DJANGO_SETTINGS_MODULE": "hearth.config.settings.production"},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_deployment_check_passes_with_every_value_given() -> None:
    done = run_check(GOOD_ENV)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_every_missing_or_weak_value_is_named_at_once() -> None:
    done = run_check({"HEARTH_SECRET_KEY": "short", "DATABASE_URL": "sqlite:///x.db", "HEARTH_ALLOWED_HOSTS": "*"})
    assert done.returncode != 0 and "KeyError" not in done.stderr
    for expected in (
        "HEARTH_SECRET_KEY is too weak",
        "DATABASE_URL must name a PostgreSQL database",
        "HEARTH_ALLOWED_HOSTS must list the site's host names",
        "HEARTH_EMAIL_HOST is not set",
        "HEARTH_EMAIL_FROM is not set",
    ):
        assert expected in done.stderr, expected


def test_the_demo_refuses_to_load_without_debug(db: Any) -> None:
    with override_settings(DEBUG=False, HEARTH_DEMO_ALLOWED=False), pytest.raises(CommandError, match="DEBUG on"):
        call_command("demo")


def test_every_page_says_not_to_store_it_and_allows_no_inline_script(world: World, client_for: Any) -> None:
    response = client_for("support_worker").get(reverse("homes:detail", kwargs={"home_id": world.home_a.public_id}))
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert b"<script>" not in response.content and b'style="' not in response.content
