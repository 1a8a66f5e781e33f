"""In Chromium: each demo login works and the zone leader sees the zone in Chinese."""

import pytest

from diaodu.org.demo import DEMO_USERS

from .conftest import log_in


def test_zone_leader_logs_in_and_sees_the_zone_and_its_areas_in_chinese(page, shot):
    page.goto(page.base_url + "/")
    assert "/accounts/login/" in page.url
    assert page.locator("[data-testid=demo-accounts]").is_visible()
    shot(page, "login")

    log_in(page, "leader")
    assert page.locator("[data-testid=zone-name]").inner_text() == "北部新城经济开发区"
    areas = page.locator("[data-testid=area]").all_inner_texts()
    assert any("康养新城" in text for text in areas)
    assert any("洁净工业园" in text for text in areas)
    assert "主要领导" in page.locator("[data-testid=current-user]").inner_text()
    # Every asset was served by Diaodu itself: Bootstrap's styles applied, htmx loaded.
    assert page.evaluate("typeof htmx") == "object"
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).backgroundColor") == "rgb(164, 38, 44)"
    path = shot(page, "leader_home")
    assert path.stat().st_size > 20_000


def test_chinese_glyphs_render_with_a_cjk_font(page):
    log_in(page, "leader")
    # A CJK glyph is about as wide as it is tall; a missing-glyph box in a Latin font is narrower.
    width = page.evaluate(
        """() => { const s = document.createElement('span'); s.style.fontSize = '40px';
                   s.textContent = '调度调度调度调度调度'; document.body.appendChild(s);
                   return s.getBoundingClientRect().width; }"""
    )
    assert 350 <= width <= 450


@pytest.mark.parametrize("demo_user", DEMO_USERS, ids=lambda u: u.username)
def test_every_demo_login_reaches_the_home_page(page, demo_user):
    log_in(page, demo_user.username)
    assert page.locator("[data-testid=zone-name]").is_visible()
    assert str(demo_user.role_label) in page.locator("[data-testid=current-user]").inner_text()


def test_language_switch_turns_the_page_into_english_and_back(page, shot):
    log_in(page, "dispatch")
    page.click("[data-testid=language-switch] button[value=en]")
    page.wait_for_load_state("networkidle")
    assert "Dispatch office" in page.locator("[data-testid=current-user]").inner_text()
    assert page.locator("html").get_attribute("lang") == "en"
    shot(page, "dispatch_home_en")
    page.click("[data-testid=language-switch] button[value=zh-hans]")
    page.wait_for_load_state("networkidle")
    assert "项目办" in page.locator("[data-testid=current-user]").inner_text()


def test_home_page_fits_a_phone_screen(browser, live_server, demo, shot):
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="zh-CN"
    )
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, "officer")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.locator(".navbar-toggler").is_visible()
    shot(page, "officer_home_phone")
    context.close()


def test_wrong_password_is_refused_with_a_message(page):
    log_in(page, "leader", password="wrong-password")
    assert "/accounts/login/" in page.url
    assert "用户名或密码不正确" in page.content()
