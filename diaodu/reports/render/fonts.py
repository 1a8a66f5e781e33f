"""The CJK fonts the bulletins are set in, chosen among those installed (`fc-list :lang=zh`).

Official documents (GB/T 9704) set the title in 方正小标宋 and the body in 仿宋. Where those are not
installed (a Linux server), the Noto CJK fonts are the closest that render every character: Noto Serif
CJK SC for the title and the body, Noto Sans CJK SC for headings (黑体). The Word file names these
fonts, so Word on an official's computer shows them or its own substitute; the PDF embeds them.
"""

from __future__ import annotations

import functools
import shutil
import subprocess
from dataclasses import dataclass

# Preferred families, best first, for each role.
TITLE = ("方正小标宋简体", "FZXiaoBiaoSong-B05S", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun")
BODY = ("仿宋_GB2312", "仿宋", "FangSong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun")
HEADING = ("黑体", "SimHei", "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei")
FALLBACK = "Noto Serif CJK SC"


@dataclass(frozen=True)
class Fonts:
    title: str
    body: str
    heading: str


@functools.cache
def installed_cjk_families() -> frozenset[str]:
    """Font families with Chinese coverage, from fontconfig; empty where fc-list is missing."""
    if shutil.which("fc-list") is None:
        return frozenset()
    try:
        output = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    families = set()
    for line in output.splitlines():
        families.update(name.strip() for name in line.split(",") if name.strip())
    return frozenset(families)


def _pick(candidates: tuple[str, ...], installed: frozenset[str]) -> str:
    return next((name for name in candidates if name in installed), FALLBACK)


@functools.cache
def bulletin_fonts() -> Fonts:
    installed = installed_cjk_families()
    return Fonts(title=_pick(TITLE, installed), body=_pick(BODY, installed), heading=_pick(HEADING, installed))
