# Two commands on a fresh machine with Python 3.11: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
# Bytecode and pytest's rewritten test modules are cached in __pycache__ even where the shell
# says not to: without the cache every worker compiles the whole suite again (~4 s of each run).
unexport PYTHONDONTWRITEBYTECODE

# The tests' temporary directories (tmp_path: data directories, SQLite files) in memory where the
# machine has a tmpfs: the database syncs every commit (synchronous=FULL), and on a disk those
# syncs were most of an in-process test's wall time (a new database: 80 ms on disk, 10 ms in
# memory). Files, SQLite and its locking are the same; only the disk under them is left out.
# A run leaves ~100 MB there and pytest keeps the last three: only with 1 GB free (a container's
# /dev/shm is often 64 MB), else the system's temporary directory as before.
TEST_TMP := $(shell test -d /dev/shm -a -w /dev/shm && \
	test "$$(df -Pk /dev/shm | awk 'NR == 2 {print $$4}')" -ge 1048576 && echo /dev/shm)
PYTEST := $(if $(TEST_TMP),TMPDIR=$(TEST_TMP) )$(PY) -m pytest

.PHONY: run test test-fast lint bench eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) -m bot

lint: $(STAMP)
	$(PY) -m ruff check bot tests bench
	$(PY) -m ruff format --check bot tests bench
	$(PY) -m mypy
	$(VENV)/bin/lint-imports --no-logo --no-cache

# Everything, with all hypothesis examples: the in-process tests on both cores, then the tests
# over HTTP and in subprocesses, also on both cores: each has its own Bot API server on a port
# of its own (port 0), its own data directory (tmp_path) and its own processes, and most of their
# time is spent waiting for replies, not computing.
test: lint
	$(PYTEST) -n 2 --dist worksteal -m "not http and not process"
	$(PYTEST) -n 2 --dist worksteal -m "http or process"

# The in-process suite for a tight loop: no HTTP, no subprocesses, on both cores.
test-fast: $(STAMP)
	HYPOTHESIS_PROFILE=fast $(PYTEST) -n 2 --dist worksteal -m "not http and not process and not corpus and not slow"

eval: $(STAMP)
	$(PY) -m tests.eval

bench: $(STAMP)
	$(PY) bench/advise.py
	$(PY) bench/commit.py
	$(PY) bench/load.py
	$(PY) bench/shutdown.py

clean:
	rm -rf $(VENV) build *.egg-info
