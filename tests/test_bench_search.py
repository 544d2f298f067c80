"""The benchmark's search figures count bytes as its server sent them (scripts/bench_search.py):
a request revalidated "not modified" brings no body, though Chromium reports the whole file."""

from __future__ import annotations

import gzip
import importlib.util
import sys
import urllib.error
import urllib.request
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("bench_search", REPO / "scripts" / "bench_search.py")
assert spec and spec.loader
bench_search = importlib.util.module_from_spec(spec)
sys.modules["bench_search"] = bench_search  # its dataclasses look their module up
spec.loader.exec_module(bench_search)


def _get(url: str, **headers: str) -> tuple[int, str]:
    """The status and ETag of a GET of url."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip", **headers})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            response.read()
            return response.status, response.headers["ETag"]
    except urllib.error.HTTPError as answer:  # urllib raises for 304
        return answer.code, answer.headers["ETag"]


def _request(url: str, start: float) -> SimpleNamespace:
    return SimpleNamespace(url=url, timing={"startTime": start})


def test_the_server_counts_the_bodies_it_sends(tmp_path) -> None:
    script = "const text = 'Notula';\n" * 200
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "pagefind-worker.js").write_text(script)
    with bench_search.serve(tmp_path) as base:
        url = f"{base}/pagefind/pagefind-worker.js"
        status, etag = _get(url)
        assert status == 200
        assert _get(url, **{"If-None-Match": etag})[0] == 304
        assert _get(f"{base}/pagefind/pagefind-worker.js?ts=1")[0] == 200
        compressed = len(gzip.compress(script.encode(), bench_search.GZIP_LEVEL, mtime=0))
        assert bench_search._SENT[base] == [("/pagefind/pagefind-worker.js", compressed), ("/pagefind/pagefind-worker.js", 0),
                                            ("/pagefind/pagefind-worker.js?ts=1", compressed)]
        # Playwright's requests in the order they finished; matched to the answers in the order they were asked.
        later, first, query, cached = (_request(url, 2.0), _request(url, 1.0), _request(f"{url}?ts=1", 3.0),
                                       _request(f"{base}/pagefind/pagefind.sv_0123456789.pf_meta", 4.0))
        assert bench_search._bodies_sent(base, [later, first, query, cached]) == [0, compressed, compressed, 0]
