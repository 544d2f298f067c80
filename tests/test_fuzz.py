"""Whatever a minutes file holds, validation answers with problems, never with a traceback."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from notula.model.schema import Document
from notula.model.validate import check_corpus

REPO = Path(__file__).resolve().parent.parent
FIELDS = list(Document.model_fields) + ["atendees", "name", "org", "id", "text", "owners", "due", "file"]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
    st.text(max_size=20), st.sampled_from(["Halmstad", "sgi", "2017-02-30", "2017-04-04", "9:00", "no", "d1"]),
)
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(FIELDS), inner, max_size=5)), max_leaves=20)
front_matters = st.dictionaries(st.sampled_from(FIELDS), values, max_size=8)


def project() -> Path:
    root = Path(tempfile.mkdtemp(prefix="notula-fuzz-"))
    (root / "minutes" / "sgi").mkdir(parents=True)
    for name in ("organisations.yml", "groups.yml", "topics.yml", "abbreviations.yml"):
        shutil.copy(REPO / "minutes" / name, root / "minutes" / name)
    return root


ROOT = project()


def check(text: str | bytes) -> list:
    path = ROOT / "minutes" / "sgi" / "fuzz.md"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass"))
    _, problems = check_corpus(ROOT)
    return problems


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(front_matters, st.text(max_size=60))
def test_structured_front_matter_never_crashes(meta, body):
    problems = check("---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body)
    assert all(p.path == "minutes/sgi/fuzz.md" for p in problems)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=200))
def test_random_bytes_never_crash(data):
    problems = check(b"---\n" + data + b"\n---\n")
    assert problems, "random bytes made a valid minutes file"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.sampled_from(list("-:{}[],&*!|>'\"#\t\n ab19")), max_size=80))
@example("[#{'")  # a quote opened on the last line, YAML's error placed after it: was an IndexError
def test_yaml_punctuation_never_crashes(text):
    check("---\n" + text + "\n---\n")
