# The two commands of the README. Both install what they need first (scripts/setup is idempotent).
.PHONY: setup edition test

setup:
	bash scripts/setup

edition: setup
	.venv/bin/pipeline build

test: setup
	.venv/bin/python -m pytest -q
