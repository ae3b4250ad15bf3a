# Make targets for those who prefer make, and for the GitHub workflows.
# ./dev does the work, so the README's commands need nothing but python3 and git.
.PHONY: install serve build test test-if-code-changed codeowners validate bench clean install-properdocs lock

install:
	./dev install

serve:
	./dev serve

build:
	./dev build

validate:
	./dev validate

test:
	./dev test

# CI on a pull request: the whole test suite, unless only reports changed since BASE
# (the changes module says which, and why, on stderr).
test-if-code-changed: install
	@if .venv/bin/python -m rapportarkiv.changes --base "$(BASE)" --code-changed; then ./dev test; fi

# Regenerate .github/CODEOWNERS from the series definitions (a test checks it is current).
codeowners: install
	.venv/bin/python -m rapportarkiv.codeowners --write

bench:
	./dev bench

clean:
	rm -rf .venv site site-public .rapportarkiv-cache node_modules

# ProperDocs, the maintained fork of MkDocs 1.6, beside MkDocs: with RAPPORTARKIV_GENERATOR=properdocs
# the tests build with it (the second leg of pr.yml's test matrix; docs-dev/platform.md).
install-properdocs: install
	.venv/bin/python -m pip install --quiet "properdocs==1.6.7"

# requirements.lock: every dependency of the site and the tests, pinned with hashes, from
# pyproject.toml (kept versions stay unless pyproject.toml needs others; Dependabot updates it).
lock: install
	.venv/bin/uv pip compile pyproject.toml --extra site --extra test --generate-hashes \
	  --python-version 3.11.7 --custom-compile-command "make lock" -o requirements.lock
