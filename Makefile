# Thin wrappers around dev.py, which does the real work (stdlib Python only).
# Extra arguments: make test ARGS="-k search -x"
PYTHON ?= python3
ARGS ?=

.PHONY: setup serve serve-public test build check bench

setup:
	$(PYTHON) dev.py setup

serve:
	$(PYTHON) dev.py serve $(ARGS)

serve-public:
	$(PYTHON) dev.py serve --public $(ARGS)

test:
	$(PYTHON) dev.py test $(ARGS)

build:
	$(PYTHON) dev.py build $(ARGS)

check:
	$(PYTHON) dev.py check $(ARGS)

bench:
	$(PYTHON) dev.py bench $(ARGS)
