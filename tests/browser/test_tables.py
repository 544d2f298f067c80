"""Tables that fit (issue 21). On a desktop (1280 px) an organisation's tables fit the page, their
captions and headings whole; on a phone (390 px) a table wider than the screen shows a shadow at
the edge where there is more of it, which goes once that end is in view."""

from __future__ import annotations

import io

import pytest
from PIL import Image

PHONE_390 = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}

# Per table region: how far it overflows, and which of its caption and headings do not show whole.
MEASURE = """() => [...document.querySelectorAll('.notula-scroll')].map(region => {
    const box = region.getBoundingClientRect();
    const whole = e => { const r = e.getBoundingClientRect();
        return r.left >= box.left - .5 && r.right <= box.right + .5 && e.scrollWidth <= e.clientWidth; };
    return {label: region.getAttribute('aria-label'), overflow: region.scrollWidth - region.clientWidth,
            cut: [...region.querySelectorAll('caption, th')].filter(e => !whole(e)).map(e => e.textContent.trim())};
})"""


def organisation_pages(site) -> list[str]:
    return sorted(f"organisationer/{path.name}/" for path in (site / "organisationer").iterdir() if path.is_dir())


def test_an_organisations_tables_fit_a_desktop(page, members_url, demo_site):
    pages = organisation_pages(demo_site)
    assert len(pages) > 10
    attendance = 0
    for url in pages:
        page.goto(f"{members_url}/{url}")
        for region in page.evaluate(MEASURE):
            assert region["overflow"] <= 0 and not region["cut"], (url, region)
            attendance += region["label"].startswith("Närvaro")
    assert attendance > 10  # the attendance tables were among those measured


def edge(png: bytes, x: int) -> float:
    """The share of a column of pixels of a screenshot that is the page's background (white)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    column = [image.getpixel((x % image.width, y)) for y in range(image.height)]
    return sum(value >= 245 for value in column) / len(column)


@pytest.fixture
def phone_390(chromium):
    context = chromium.new_context(locale="sv-SE", **PHONE_390)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("url", ["organisationer/region-halland/", "om/falt/"])
def test_a_wide_table_on_a_phone_shows_that_there_is_more(phone_390, members_url, url, tmp_path):
    phone_390.goto(f"{members_url}/{url}")
    regions = phone_390.locator(".notula-scroll")
    wide = [regions.nth(i) for i in range(regions.count())
            if regions.nth(i).evaluate("e => e.scrollWidth > e.clientWidth + 20")]
    assert len(wide) >= 2, "the page has tables wider than a phone"
    for number, region in enumerate(wide[:3]):
        region.scroll_into_view_if_needed()
        at_start = region.screenshot(path=tmp_path / f"{number}-start.png")
        assert edge(at_start, -2) < 0.3, "no shadow on the right edge: nothing shows that the table goes on"
        assert edge(at_start, 1) > 0.9, "a shadow on the left edge, where the table starts"
        region.evaluate("e => { e.scrollLeft = e.scrollWidth }")
        at_end = region.screenshot(path=tmp_path / f"{number}-end.png")
        assert edge(at_end, -2) > 0.9, "a shadow on the right edge when the end of the table is in view"
        assert edge(at_end, 1) < 0.3, "no shadow on the left edge: nothing shows that the table has more to the left"
