"""Fixtures of the progress tests: the registry's project network and personas, plus helpers for reports."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from tests.projects.conftest import *  # noqa: F403


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Uploaded photos go to a temporary directory, never into the project's var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def jpeg_upload(name: str = "现场.jpg", size: tuple[int, int] = (32, 24)) -> SimpleUploadedFile:
    """A real JPEG, made by Pillow."""
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 120, 40)).save(buffer, format="JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def fake_jpeg_upload(name: str = "说明.jpg") -> SimpleUploadedFile:
    """A text file renamed .jpg."""
    return SimpleUploadedFile(name, "这不是图片，只是一段文字。".encode(), content_type="image/jpeg")


def at_noon(day: dt.date) -> dt.datetime:
    """Noon of a day in Beijing, for `time_machine.travel` (mid-day: never on the wrong side of midnight)."""
    from zoneinfo import ZoneInfo

    return dt.datetime(day.year, day.month, day.day, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
