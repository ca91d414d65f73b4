# SupplyCast: the two commands a new user needs are `make demo` and `make test`.
# Both install what they need first (Debian packages via apt when missing), so they work on a fresh machine.

SWIFT ?= swift
APT_PACKAGES := libsqlite3-dev libopenblas-dev liblapacke-dev
DEMO_DB ?= demo.sqlite
DEMO_OUT ?= demo-data

REVIEW_DIR ?= .build/notebook-review

.PHONY: help deps venv notebook-venv notebook build test demo release bench-ingest bench-planning fuzz-hl7 clean

help:
	@echo "make demo    build (release) and run the demo network end to end"
	@echo "make test    build and run the whole test suite"
	@echo "make deps    install the system libraries SupplyCast links (apt)"
	@echo "make bench-ingest   bulk and HTTP ingest throughput benchmark"
	@echo "make bench-planning planning run over 10 sites x 5,000 items x 730 days"
	@echo "make fuzz-hl7   the HL7 v2 reader and mapper against 100,000 mutated sample messages"

deps:
	@missing=""; \
	for pkg in $(APT_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# The webhook tests run a real receiver built on the `standardwebhooks` Python library (Tests/webhooks); the UDI
# tests read generated GS1 scans with `biip` as an oracle (Tests/udi), pinned because the oracle script reads its AI
# table.
venv:
	@if ! .venv/bin/python -c 'import standardwebhooks, biip' 2>/dev/null; then \
		python3 -m venv --help >/dev/null 2>&1 || { SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
			$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq python3-venv; }; \
		python3 -m venv .venv && .venv/bin/pip install -q standardwebhooks biip==5.2.0; \
	fi

# The forecast-review notebook runs on pandas and matplotlib and is executed headless by nbconvert.
notebook-venv: venv
	@.venv/bin/python -c 'import pandas, matplotlib, nbconvert, ipykernel' 2>/dev/null || \
		.venv/bin/pip install -q -r Notebooks/requirements.txt

# Reviews a forecast run of a small demo network (last 28 days held out) and fails if any cell fails.
notebook: deps notebook-venv
	$(SWIFT) build --product supplycast
	rm -rf $(REVIEW_DIR) && mkdir -p $(REVIEW_DIR)
	.build/debug/supplycast demo --days 150 --db $(REVIEW_DIR)/review.sqlite --out $(REVIEW_DIR)/demo-data > $(REVIEW_DIR)/demo.log
	.build/debug/supplycast forecast run --db $(REVIEW_DIR)/review.sqlite --as-of 2026-10-23 --config Models/forecasting.json
	.build/debug/supplycast forecast export --db $(REVIEW_DIR)/review.sqlite --format csv > $(REVIEW_DIR)/forecasts.csv
	.build/debug/supplycast usage --db $(REVIEW_DIR)/review.sqlite --from 2026-10-24 --format csv > $(REVIEW_DIR)/actuals.csv
	.build/debug/supplycast forecast list --db $(REVIEW_DIR)/review.sqlite --sort item --limit 1000000 --format csv > $(REVIEW_DIR)/series.csv
	SUPPLYCAST_REVIEW_DIR=$(abspath $(REVIEW_DIR)) .venv/bin/jupyter nbconvert --to notebook --execute \
		Notebooks/forecast-review.ipynb --output-dir $(REVIEW_DIR) --ExecutePreprocessor.timeout=300

build: deps
	$(SWIFT) build

# One build (tests included), then run without rebuilding: switching modes would recompile Hummingbird.
test: deps venv
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build
	$(MAKE) notebook

# The release binary is rebuilt only when a source changed, so a second `make demo` goes straight to the demo.
SOURCES := Package.swift $(shell find Sources -type f)

release: .build/release/supplycast

.build/release/supplycast: $(SOURCES) | deps
	@echo "building supplycast in release mode (the first build takes about ten minutes on 2 cores)..."
	$(SWIFT) build -c release --product supplycast
	@touch $@

# The demo ends like production: a local operations receiver (Python's standardwebhooks library) is subscribed
# to every alert, and the planning runs' alerts reach it signed; it verifies each one.
RECEIVER := .venv/bin/python Tests/webhooks/receiver.py

demo: release venv
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(DEMO_OUT) && rm -f $(DEMO_OUT)/webhook-secret $(DEMO_OUT)/received.ndjson $(DEMO_OUT)/receiver.port
	@$(RECEIVER) --port-file $(DEMO_OUT)/receiver.port --secret-file $(DEMO_OUT)/webhook-secret \
		--log $(DEMO_OUT)/received.ndjson --lifetime 1800 & receiver=$$!; \
	for i in $$(seq 100); do [ -s $(DEMO_OUT)/receiver.port ] && break; sleep 0.1; done; \
	.build/release/supplycast demo --db $(DEMO_DB) --out $(DEMO_OUT) \
		--webhook-url http://127.0.0.1:$$(cat $(DEMO_OUT)/receiver.port)/hooks --webhook-secret-file $(DEMO_OUT)/webhook-secret; \
	status=$$?; kill $$receiver 2>/dev/null; wait $$receiver 2>/dev/null; \
	$(RECEIVER) summarise $(DEMO_OUT)/received.ndjson || status=1; exit $$status

bench-ingest: deps
	SUPPLYCAST_BENCHMARKS=1 $(SWIFT) run -c release ingest-benchmark

# A planning run, forecast included, over 10 sites × 5,000 items × 730 days; prints wall time and peak memory.
bench-planning: deps
	SUPPLYCAST_BENCHMARKS=1 $(SWIFT) run -c release planning-benchmark 10 5000 730

# `make test` runs 5,000 mutated HL7 messages; this runs the 100,000 of issue 12 (same seed, same checks).
fuzz-hl7: deps
	$(SWIFT) build --build-tests
	HL7_FUZZ_INPUTS=100000 $(SWIFT) test --skip-build --filter HL7FuzzTests

clean:
	rm -rf .build $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm $(DEMO_OUT)
