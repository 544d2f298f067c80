"""A printed meeting page: no navigation chrome, full attachment addresses."""

from __future__ import annotations


def test_printed_page_has_no_chrome_and_full_attachment_addresses(page, members_url) -> None:
    page.goto(f"{members_url}/sgi/2017-04-25/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".notula-prevnext"):
        assert not page.locator(selector).first.is_visible(), selector
    assert page.locator(".notula-facts").is_visible() and page.locator("#beslut").is_visible()
    after = page.evaluate("() => [...document.querySelectorAll('.notula-attachments a')]"
                          ".map(a => getComputedStyle(a, '::after').content)")
    assert after == ['" (https://example.org/sgi/2017-04-25/attachments/2017-04-25-arbetsformedlingen.pdf)"',
                     '" (https://example.org/sgi/2017-04-25/attachments/2017-04-25-in-vast.pdf)"']
    page.emulate_media(media="screen")
    assert page.locator(".md-header").is_visible()
    assert page.evaluate("() => getComputedStyle(document.querySelector('.notula-attachments a'), '::after').content") == "none"
