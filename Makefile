# nif_derive: every target sets itself up on a fresh Debian machine.
#   make demo   the guide example, from `mix gen` to calling the NIFs
#   make test   every test: pytest, the ExUnit suites, gcc/clang -Werror builds
#   make bench  benchmarks (see bench/); make bench-scale: the generator and build at scale
#   make fuzz   test/project's NIFs under ASan+UBSan for FUZZ_SECONDS (see test/fuzz/run.exs)

VENV := .venv
PYTHON := $(VENV)/bin/python
ERL_NIF_H := $(shell erl -noshell -eval 'io:format("~s/usr/include/erl_nif.h", [code:root_dir()]), halt().' 2>/dev/null)
SUDO_HINT := run as root, or install them yourself: apt-get install elixir erlang-dev clang clang-format gcc make python3-venv libyaml-dev

.PHONY: setup system-packages python demo test lint-c test-python test-elixir lint golden bench bench-resources bench-smoke bench-scale clean fuzz fuzz-smoke

setup: system-packages python

# Debian's elixir, erlang-dev (erl_nif.h), clang and libyaml-dev (examples/yaml), when missing.
system-packages:
	@if ! command -v elixir >/dev/null 2>&1 || ! command -v clang >/dev/null 2>&1 || ! command -v clang-format >/dev/null 2>&1 || ! command -v cc >/dev/null 2>&1 \
	    || [ -z "$(ERL_NIF_H)" ] || [ ! -f "$(ERL_NIF_H)" ] || [ ! -f /usr/include/yaml.h ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "nif_derive: installing Debian packages elixir erlang-dev clang clang-format gcc libyaml-dev"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq elixir erlang-dev clang clang-format gcc make libyaml-dev >/dev/null; \
	  else \
	    echo "nif_derive: missing Elixir, erl_nif.h or a C compiler: $(SUDO_HINT)"; exit 1; \
	  fi; \
	fi

# The generator's virtualenv: libclang, jinja2, pytest, hypothesis.
python: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@python3 -m venv $(VENV) 2>/dev/null || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get install -y -qq python3-venv >/dev/null && python3 -m venv $(VENV); \
	  else echo "nif_derive: cannot create a virtualenv: $(SUDO_HINT)"; exit 1; fi; }
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -e '.[test]'
	@touch $@

demo: setup
	cd examples/guide && mix deps.get && mix gen && mix compile && mix run demo.exs

test: setup lint-c test-python test-elixir fuzz-smoke

# The runtime follows .clang-format.
lint-c:
	clang-format --dry-run -Werror c_src/*.c c_src/*.h

test-python: lint
	$(PYTHON) -m pytest -q

# Python style (ruff, config in pyproject.toml); the generated guide C follows .clang-format.
lint: python
	$(VENV)/bin/ruff check gen test/python
	$(VENV)/bin/ruff format --check gen test/python
	clang-format --dry-run -Werror test/golden/guide/c/*.c test/golden/guide/c/*.h

# Refresh the golden files (test/golden/guide) after a change to the generated code.
golden: python
	rm -rf test/golden/guide
	cd examples/guide && ../../$(PYTHON) -m nif_derive c_src/guide.h --module Guide.Native \
	  --otp-app guide --c-out ../../test/golden/guide/c --ex-out ../../test/golden/guide/ex

test-elixir:
	mix format --check-formatted
	mix test
	cd test/project && mix deps.get && mix test
	cd test/names && mix deps.get && mix test
	cd examples/guide && mix deps.get && mix test
	cd examples/posix && mix deps.get && mix test
	cd examples/resources && mix deps.get && mix test
	cd examples/yaml && mix deps.get && mix test

FUZZ_SECONDS ?= 300

fuzz: setup
	cd test/project && mix deps.get && MIX_ENV=test mix run --no-start ../fuzz/run.exs $(FUZZ_SECONDS)

# the short run in `make test`
fuzz-smoke: setup
	cd test/project && mix deps.get && MIX_ENV=test mix run --no-start ../fuzz/run.exs 20

bench: setup
	$(MAKE) -C bench bench
	$(MAKE) bench-resources

# Resource calls and thread sends against hand-written erl_nif code, in instructions
# (callgrind; examples/resources/BENCH.md reads them).
bench-resources: setup
	cd examples/resources && mix deps.get && sh callgrind.sh

bench-smoke: setup
	$(MAKE) -C bench smoke

clean:
	rm -rf $(VENV) _build deps
	for d in examples/guide examples/posix examples/resources examples/yaml test/project test/names; do rm -rf $$d/_build $$d/deps $$d/priv $$d/c_src/generated $$d/lib/generated; done

# The generator at scale (issue 12): generates and builds a header of 1,000 annotated types and
# 200 functions (bench/scale/make_header.py), timing each step RUNS times (bench/RESULTS.md, "Scale").
bench-scale: setup
	RUNS=$${RUNS:-3} sh bench/scale/run.sh
