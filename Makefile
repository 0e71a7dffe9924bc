# The two commands of the README. Each sets the machine up (Debian 12 packages only), builds,
# then runs: `make run` the main job on the bundled example, `make test` every test suite.
# CMake does the real work; see CMakePresets.json for the presets.
PRESET ?= dev
BUILD_DIR ?= build

.PHONY: run test build deps headless clean

deps:
	bash scripts/install-deps.sh

build: deps
	bash scripts/build.sh $(PRESET)

run: build
	bash scripts/run-example.sh $(BUILD_DIR)

# The sanitizer builds (docs/reliability.md) run after the main suites; `make test SANITIZERS=`
# skips them on a developer machine, CI runs both.
SANITIZERS ?= asan tsan

test: build
	bash scripts/test.sh $(BUILD_DIR)
	for s in $(SANITIZERS); do bash scripts/sanitize.sh $$s || exit 1; done

headless: deps
	bash scripts/build.sh headless

clean:
	rm -rf build build-ci build-release build-headless build-asan build-tsan
