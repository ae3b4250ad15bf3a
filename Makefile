# Make targets for those who prefer make, and for the GitHub workflows.
# ./dev does the work, so the README's commands need nothing but python3 and git.
.PHONY: install serve build test test-if-code-changed codeowners validate bench clean install-properdocs lock verapdf arkivleverans

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

# The registrar's delivery for a deploy (publish.yml): every version published since the
# last deploy (the tag publicerad; the first deploy delivers everything), as PDF/A and Markdown.
arkivleverans: install
	.venv/bin/rapportarkiv arkiv export --since "$$(git rev-parse -q --verify 'refs/tags/publicerad^{commit}' || true)" arkivleverans

# Check every archival copy in site/ with veraPDF, where it is installed (see the README).
verapdf:
	./dev verapdf site

clean:
	rm -rf .venv site site-public .rapportarkiv-cache node_modules arkivleverans

# ProperDocs, the maintained fork of MkDocs 1.6, beside MkDocs: with RAPPORTARKIV_GENERATOR=properdocs
# the tests build with it (the second leg of pr.yml's test matrix; docs-dev/platform.md).
install-properdocs: install
	.venv/bin/python -m pip install --quiet "properdocs==1.6.7"

# uv.lock: every dependency of the core, the site and the tests, pinned with hashes, from
# pyproject.toml (kept versions stay unless pyproject.toml needs others). Dependabot's uv
# ecosystem updates it; ./dev installs from it with `uv sync --locked`.
lock: install
	.venv/bin/uv lock
