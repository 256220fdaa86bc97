# Thin wrappers: the work is done by the scripts they call.
.PHONY: run test lint bench engine engine-stop prod-local prod-local-stop

run:  ## Set up, load the demo content and serve on http://127.0.0.1:8000
	bash scripts/run.sh

test:  ## Set up (PostgreSQL, Chromium) and run every check and test
	bash scripts/test-all.sh

lint:  ## ruff check and format check, import contracts (.importlinter)
	.venv/bin/ruff check .
	.venv/bin/ruff format --check .
	.venv/bin/lint-imports

bench:  ## Benchmarks at scale (bench/run.sh)
	@test -f bench/run.sh || { echo "bench/run.sh does not exist yet"; exit 1; }
	bash bench/run.sh

ENGINE ?= opensearch

engine:  ## Start a real search engine on 127.0.0.1 (ENGINE=opensearch|elasticsearch7), wait until healthy
	bash search/engine/engine.sh start $(ENGINE)

engine-stop:  ## Stop the engine started by `make engine`
	bash search/engine/engine.sh stop $(ENGINE)

prod-local:  ## The production topology on loopback: nginx, 2 gunicorn replicas, Redis, PostgreSQL, 3 OpenSearch nodes
	bash deploy/prod-local.sh start

prod-local-stop:  ## Stop everything `make prod-local` started
	bash deploy/prod-local.sh stop
