"""Browser tests (a package, so that its conftest does not shadow tests/conftest.py
for modules that do `from conftest import build_site`)."""
