"""Messages to WeCom (企业微信) and DingTalk (钉钉) group robots: their JSON payloads, signing and sending.

The payload builders are pure functions. The shapes are the robots' documented ones:
- WeCom: https://developer.work.weixin.qq.com/document/path/91770 (markdown content ≤ 4096 bytes);
- DingTalk: https://open.dingtalk.com/document/robots/custom-robot-access, with the 加签 security setting:
  `timestamp` (ms) and `sign` = urlencode(base64(HMAC-SHA256(key=secret, msg=f"{timestamp}\\n{secret}"))).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.utils.translation import gettext as _

from .choices import WebhookKind

TIMEOUT_SECONDS = 10
WECOM_MAX_BYTES = 4096
DINGTALK_MAX_BYTES = 20000


class WebhookError(Exception):
    """The robot could not be reached, or it refused the message."""


def absolute_url(url: str) -> str:
    """The in-app link as a full address, or "" when no site address (DIAODU_SITE_URL) is configured."""
    base = getattr(settings, "DIAODU_SITE_URL", "") or ""
    if not url or not base:
        return ""
    return f"{base.rstrip('/')}/{url.lstrip('/')}"


def _fit(text: str, max_bytes: int) -> str:
    """The text cut (with an ellipsis) so that its UTF-8 form fits in max_bytes."""
    encoded = text.encode()
    if len(encoded) <= max_bytes:
        return text
    return encoded[: max_bytes - len("…".encode())].decode(errors="ignore") + "…"


def _body_and_link(body: str, url: str) -> tuple[str, str]:
    link = absolute_url(url)
    return body.strip(), (f"[{_('查看详情')}]({link})" if link else "")


def wecom_payload(*, title: str, body: str = "", url: str = "") -> dict:
    """A WeCom group-robot markdown message: bold title line, body, and a link when the site address is known."""
    text, link = _body_and_link(body, url)
    head = f"**{title}**"
    tail = f"\n{link}" if link else ""
    room = WECOM_MAX_BYTES - len(head.encode()) - len(tail.encode()) - 1
    content = head + (f"\n{_fit(text, room)}" if text else "") + tail
    return {"msgtype": "markdown", "markdown": {"content": content}}


def dingtalk_payload(*, title: str, body: str = "", url: str = "") -> dict:
    """A DingTalk robot markdown message; `title` is what the chat list shows, `text` the message itself."""
    text, link = _body_and_link(body, url)
    head = f"### {title}"
    tail = f"\n\n{link}" if link else ""
    room = DINGTALK_MAX_BYTES - len(head.encode()) - len(tail.encode()) - 2
    markdown = head + (f"\n\n{_fit(text, room)}" if text else "") + tail
    return {"msgtype": "markdown", "markdown": {"title": title, "text": markdown}}


def build_payload(kind: str, *, title: str, body: str = "", url: str = "") -> dict:
    if kind == WebhookKind.WECOM:
        return wecom_payload(title=title, body=body, url=url)
    if kind == WebhookKind.DINGTALK:
        return dingtalk_payload(title=title, body=body, url=url)
    raise ValueError(f"unknown webhook kind: {kind!r}")


def dingtalk_sign(secret: str, timestamp_ms: int) -> str:
    """DingTalk's 加签 signature, not yet URL-encoded: base64 of HMAC-SHA256 keyed by the secret."""
    string_to_sign = f"{timestamp_ms}\n{secret}"
    digest = hmac.new(secret.encode(), string_to_sign.encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def dingtalk_signed_url(url: str, secret: str, timestamp_ms: int | None = None) -> str:
    """The robot's address with `timestamp` and `sign` appended; DingTalk refuses a timestamp over an hour old."""
    if timestamp_ms is None:
        timestamp_ms = int(time.time() * 1000)
    sign = urllib.parse.quote_plus(dingtalk_sign(secret, timestamp_ms))
    separator = "&" if urllib.parse.urlsplit(url).query else "?"
    return f"{url}{separator}timestamp={timestamp_ms}&sign={sign}"


def target_url(endpoint) -> str:
    """Where to post for this endpoint, signed at the moment of sending when a DingTalk secret is set."""
    if endpoint.kind == WebhookKind.DINGTALK and endpoint.secret:
        return dingtalk_signed_url(endpoint.url, endpoint.secret)
    return endpoint.url


def send_webhook(endpoint, payload: dict) -> dict:
    """Post the payload to the robot; returns its answer, or raises WebhookError.

    Both robots answer HTTP 200 with `{"errcode": 0, "errmsg": "ok"}`; any other errcode (wrong key,
    bad signature, rate limit 45009 / 130101 …) is a failure.
    """
    request = urllib.request.Request(
        target_url(endpoint),
        data=json.dumps(payload, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            raw = response.read()
    except urllib.error.HTTPError as error:
        detail = error.read()[:300].decode(errors="replace")
        raise WebhookError(f"HTTP {error.code}: {detail}".strip()) from None
    except (OSError, http.client.HTTPException) as error:  # URLError, timeouts, resets
        reason = getattr(error, "reason", error)
        raise WebhookError(f"{type(error).__name__}: {reason}") from None
    try:
        answer = json.loads(raw)
    except ValueError:
        raise WebhookError(f"not a JSON answer: {raw[:300].decode(errors='replace')}") from None
    if not isinstance(answer, dict) or answer.get("errcode", 0) != 0:
        errcode = answer.get("errcode") if isinstance(answer, dict) else None
        errmsg = answer.get("errmsg", "") if isinstance(answer, dict) else answer
        raise WebhookError(f"errcode {errcode}: {errmsg}")
    return answer
