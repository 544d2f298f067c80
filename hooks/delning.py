"""The demo site's own hook: Open Graph metadata on every page, so that a link shared in a chat
or an e-mail shows the page's title, the site's name and a description.

It adds to each page's <head> only, after Notula has made the page, and reads nothing but
what the page already shows: the public site's pages give away nothing more than before.
"""

from __future__ import annotations

import re
from html import escape

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

# It keeps nothing from one page for the next, so Notula may run it in a second process for some
# of the pages while it writes them on both cores (a hook that collects anything must not say so).
NOTULA_SAME_IN_ANY_PROCESS = True


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    title = re.sub(r"<[^>]*>", "", str(page.meta.get("title") or page.title or config.site_name))
    description = page.meta.get("description") or config.site_description or ""
    tags = {"og:type": "website", "og:site_name": config.site_name, "og:title": title,
            "og:description": description, "og:url": page.canonical_url or "", "og:locale": "sv_SE"}
    head = "".join(f'<meta property="{key}" content="{escape(str(value))}">\n'
                   for key, value in tags.items() if value)
    return output.replace("</head>", head + "</head>", 1)
