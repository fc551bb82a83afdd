# station — 联络站台账. Plain Makefile; see README.md.
#   make run     install missing packages, build, open the program
#   make check   install, build, run every test (also under ASan/UBSan)
#   make demo    open the program on a generated demo station
#   make bench   benchmarks on a large generated database
#   make fresh-root   make check in a bare Debian 12 root (root, network; not part of check)
#   make soak    the crash soak: 200 rounds of saves killed with SIGKILL (SOAK_COUNT, SOAK_SEED)
#   make fuzz    libFuzzer (clang) on the CSV import, station.ini, parsers, line editor (FUZZ_SECONDS)
#   make valgrind   unit tests and three e2e scripts under valgrind (no leaks, no errors)
#   make install / uninstall   PREFIX (default /usr/local) and DESTDIR
#   make deb     station_<version>_<arch>.deb (DEBDIR, default build/); no root needed
#   make deb-check   that .deb installed and run in a bare Debian 12 root (root, network; not part of check)

PREFIX  ?= /usr/local
CC      ?= cc
BUILD   ?= build
PKGS    := ncursesw sqlite3 pangocairo
WERROR  ?= $(if $(CI),-Werror,)
OPT     ?= -O2 -g
SAN     ?=
CFLAGS  := $(OPT) $(SAN) $(EXTRA_CFLAGS) -std=c11 -D_GNU_SOURCE -Wall -Wextra $(WERROR) -Isrc -I$(BUILD)/gen \
           -I/usr/include/iniparser $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDFLAGS += $(SAN)
LDLIBS  += $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcsv -liniparser -lcrypt -lm
VERSION := $(shell cat VERSION 2>/dev/null || echo 0.0.0)
CFLAGS  += -DSTATION_VERSION='"$(VERSION)"'

# Every .c under src/ except main.c goes into a library that the program and the unit tests share.
SRCS    := $(sort $(wildcard src/core/*.c src/db/*.c src/report/*.c src/ui/*.c src/cli/*.c))
# Text files from data/ compiled into the binary (see src/tools/embed.sh).
EMBEDS  := $(sort $(wildcard data/schema/*.sql)) $(sort $(wildcard data/*.txt data/*.csv))
GEN     := $(BUILD)/gen/embed.c
OBJS    := $(SRCS:%.c=$(BUILD)/%.o) $(BUILD)/gen/embed.o
LIB     := $(BUILD)/libstation.a
BIN     := $(BUILD)/station
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
# Fuzz targets (tests/fuzz/); the replay programs make check builds and runs.
FUZZ_TARGETS := csv_import config parsers lineedit
FUZZ_REPLAY  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
FUZZ_SECONDS ?= 60

DB_DEMO := $(BUILD)/demo.db
STATION_ARGS ?=

.PHONY: all deps run check check-asan demo bench install uninstall deb deb-check format clean test unit e2e fresh-root soak fuzz valgrind

all: $(BIN) station

deps:
	@sh src/tools/install-deps.sh

station: $(BIN)
	@ln -sf $(BIN) station

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(GEN): $(EMBEDS) src/tools/embed.sh
	@mkdir -p $(dir $@)
	sh src/tools/embed.sh $(EMBEDS) > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/embed.o: $(GEN)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(BUILD)/src/main.o $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/unit/t.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

run: deps all
	./$(BIN) $(STATION_ARGS)

demo: deps all
	./$(BIN) demo --db $(DB_DEMO) --force
	./$(BIN) --db $(DB_DEMO)

# The whole suite: normal build, then the same suite built with sanitizers.
# The benchmark programs are built (not run) too, so an API change cannot leave them broken.
check: deps
	@$(MAKE) --no-print-directory all $(UNIT_BINS) $(BENCH_BINS) $(FUZZ_REPLAY)
	@$(MAKE) --no-print-directory BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" build/asan/station \
	  $(UNIT_BINS:$(BUILD)/%=build/asan/%) $(FUZZ_REPLAY:$(BUILD)/%=build/asan/%)
	@sh tests/run.sh $(BUILD) build/asan

test: all $(UNIT_BINS) $(FUZZ_REPLAY)
	@sh tests/run.sh $(BUILD)

# A clean clone of HEAD, in a bare `debootstrap --variant=minbase bookworm` root, runs what README.md
# says (install-deps, make check). Needs root and the Debian mirror; see tests/fresh-root.sh.
fresh-root:
	@sh tests/fresh-root.sh

# The generator and the benchmark (tests/bench/); not tests: `make check` builds them, never runs them.
BENCH_BINS := $(BUILD)/bench/gen $(BUILD)/bench/bench $(BUILD)/bench/pdfbench

$(BENCH_BINS): $(BUILD)/bench/%: tests/bench/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB) $(LDLIBS)

bench: deps all
	@$(MAKE) --no-print-directory $(BENCH_BINS)
	@sh tests/bench/run.sh $(BUILD)

# Fuzz targets (tests/fuzz/fuzz_*.c). make check builds each with the project's compiler and
# tests/fuzz/replay.c, and replays its saved inputs (tests/fuzz/corpus/<target>/); make fuzz builds
# them with clang and libFuzzer and runs each for FUZZ_SECONDS (tests/fuzz/run.sh).

$(FUZZ_REPLAY): $(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests/fuzz -DFUZZ_TARGET='"fuzz_$*"' $(LDFLAGS) -o $@ $< tests/fuzz/replay.c $(LIB) $(LDLIBS)

build/libfuzzer/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/libfuzzer/libstation.a
	$(CC) $(CFLAGS) -Itests/fuzz -fsanitize=fuzzer -o $@ $< build/libfuzzer/libstation.a $(LDLIBS)

fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz: installing clang (libFuzzer)"; sh src/tools/install-deps.sh clang; }
	@$(MAKE) --no-print-directory CC=clang BUILD=build/libfuzzer OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all" \
	  $(FUZZ_TARGETS:%=build/libfuzzer/fuzz_%)
	@sh tests/fuzz/run.sh build/libfuzzer $(FUZZ_SECONDS) $(FUZZ_TARGETS)

# The crash soak (tests/soak/crash.sh): SOAK_COUNT rounds of TUI saves, imports, backups and
# restores killed with SIGKILL at random moments; make check runs 20 of them.
SOAK_COUNT ?= 200
soak: deps all
	@STATION_BIN=$(CURDIR)/$(BIN) sh tests/soak/crash.sh $(SOAK_COUNT)

# The unit tests and three e2e scripts with the program under valgrind (tests/valgrind.sh).
valgrind: deps all $(UNIT_BINS) $(FUZZ_REPLAY)
	@command -v valgrind >/dev/null || { echo "make valgrind: installing valgrind"; sh src/tools/install-deps.sh valgrind; }
	@sh tests/valgrind.sh $(BUILD)

# make install / make uninstall (PREFIX, DESTDIR): the program, its man page, the example
# station.ini, the demo roster and the CSV templates (data/templates/, when there) under
# share/station/, README and docs (docs/manual/ too, when there) under share/doc/station/.
# Depends on the program only (not `all`), so it never moves the ./station link.
MANUAL_FILES := $(shell find docs/manual -type f 2>/dev/null | sort)
TEMPLATES    := $(sort $(wildcard data/templates/*.csv))
install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/station $(DESTDIR)$(PREFIX)/share/doc/station \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 0755 $(BIN) $(DESTDIR)$(PREFIX)/bin/station
	install -m 0644 docs/station.1 $(DESTDIR)$(PREFIX)/share/man/man1/station.1
	install -m 0644 station.ini $(DESTDIR)$(PREFIX)/share/station/station.ini.example
	install -m 0644 data/demo-deputies.csv $(DESTDIR)$(PREFIX)/share/station/demo-deputies.csv
	install -m 0644 README.md docs/*.md $(DESTDIR)$(PREFIX)/share/doc/station/
	$(if $(TEMPLATES),install -d $(DESTDIR)$(PREFIX)/share/station/templates)
	$(if $(TEMPLATES),install -m 0644 $(TEMPLATES) $(DESTDIR)$(PREFIX)/share/station/templates/)
	@for f in $(MANUAL_FILES); do \
	  install -D -m 0644 $$f $(DESTDIR)$(PREFIX)/share/doc/station/manual/$${f#docs/manual/} || exit 1; done

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/station $(DESTDIR)$(PREFIX)/share/man/man1/station.1
	rm -rf $(DESTDIR)$(PREFIX)/share/station $(DESTDIR)$(PREFIX)/share/doc/station

# make deb: station_<VERSION>_<arch>.deb in DEBDIR, built without root by packaging/deb.sh from a
# `make install DESTDIR=... PREFIX=/usr` tree. make deb-check installs it in a bare Debian 12
# root and runs it there (tests/pkg/deb-root.sh: root and the Debian mirror; not part of check).
DEBDIR ?= $(BUILD)
deb: $(BIN)
	@rm -rf $(DEBDIR)/deb-root
	@$(MAKE) --no-print-directory -s install DESTDIR=$(abspath $(DEBDIR))/deb-root PREFIX=/usr
	@sh packaging/deb.sh $(DEBDIR)/deb-root $(DEBDIR) $(VERSION)
	@rm -rf $(DEBDIR)/deb-root

deb-check: deb
	@sh tests/pkg/deb-root.sh $(DEBDIR)/station_$(VERSION)_$(shell dpkg --print-architecture).deb

format:
	@command -v clang-format >/dev/null || sh src/tools/install-deps.sh clang-format
	clang-format -i $(SRCS) src/main.c $(wildcard src/*/*.h) $(wildcard tests/unit/*.[ch])

clean:
	rm -rf build station

-include $(OBJS:.o=.d) $(BUILD)/src/main.d
