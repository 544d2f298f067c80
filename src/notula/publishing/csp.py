"""The pages' Content-Security-Policy, as the header a web server sends with them.

Notula's pages load nothing from another host. They need inline scripts and styles (Material's
start-up script and Notula's print style), images as data: addresses (Material's icons in CSS)
and WebAssembly (Pagefind's search)."""

from __future__ import annotations

POLICY = {
    "default-src": "'self'",
    "script-src": "'self' 'unsafe-inline' 'wasm-unsafe-eval'",
    "style-src": "'self' 'unsafe-inline'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
}


def server_policy() -> str:
    """The header value a server should send: the pages' policy, and no framing by other sites
    (frame-ancestors, which only a header can set)."""
    return "; ".join(f"{name} {value}" for name, value in {**POLICY, "frame-ancestors": "'none'"}.items())
