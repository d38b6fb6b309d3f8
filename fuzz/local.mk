# fuzz/local.mk -- the fuzz targets, included by Makefile.am.  Each
# target is built twice: with libFuzzer under --enable-fuzzing (CC=clang),
# and always with fuzz/driver.c, which runs the regression corpora in
# `make check` (tests/fuzz.sh) under whatever compiler and sanitizers
# the build uses.

FUZZ_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/fuzz
FUZZ_CLI_SOURCES = fuzz/cli.c fuzz/scratch.h src/cmd/main.c src/cmd/common.c src/cmd/encode.c src/cmd/validate.c src/cmd/render.c src/cmd/usage.c src/cmd/build.c src/cmd/guard.c src/cmd/associate.c src/cmd/report.c src/cmd/cmd.h

check_PROGRAMS += fuzz/encode-regress fuzz/validate-regress fuzz/cli-regress \
	fuzz/rngdiff-regress fuzz/rngpair-regress fuzz/tree-regress \
	fuzz/prolog-regress fuzz/rnc-regress fuzz/schematron-regress
fuzz_encode_regress_SOURCES = fuzz/encode.c fuzz/driver.c fuzz/common.h
fuzz_encode_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_encode_regress_LDADD = src/libteikitcore.la
fuzz_validate_regress_SOURCES = fuzz/validate.c fuzz/driver.c fuzz/common.h
fuzz_validate_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_validate_regress_LDADD = src/libteikitcore.la
fuzz_rngdiff_regress_SOURCES = fuzz/rngdiff.c fuzz/driver.c fuzz/common.h
fuzz_rngdiff_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rngdiff_regress_LDADD = src/libteikitcore.la
fuzz_rngpair_regress_SOURCES = fuzz/rngpair.c fuzz/driver.c fuzz/common.h
fuzz_rngpair_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rngpair_regress_LDADD = src/libteikitcore.la
fuzz_cli_regress_SOURCES = $(FUZZ_CLI_SOURCES) fuzz/driver.c fuzz/common.h
fuzz_cli_regress_CPPFLAGS = $(FUZZ_CPPFLAGS) -DTEIKIT_NO_MAIN
fuzz_cli_regress_LDADD = src/libteikitcore.la
FUZZ_TREE_SOURCES = fuzz/tree.c fuzz/scratch.h src/cmd/main.c src/cmd/common.c src/cmd/encode.c src/cmd/validate.c src/cmd/render.c src/cmd/usage.c src/cmd/build.c src/cmd/guard.c src/cmd/associate.c src/cmd/report.c src/cmd/cmd.h
fuzz_tree_regress_SOURCES = $(FUZZ_TREE_SOURCES) fuzz/driver.c fuzz/common.h
fuzz_tree_regress_CPPFLAGS = $(FUZZ_CPPFLAGS) -DTEIKIT_NO_MAIN
fuzz_tree_regress_LDADD = src/libteikitcore.la
fuzz_prolog_regress_SOURCES = fuzz/prolog.c fuzz/driver.c fuzz/common.h
fuzz_prolog_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_prolog_regress_LDADD = src/libteikitcore.la
fuzz_rnc_regress_SOURCES = fuzz/rnc.c fuzz/driver.c fuzz/common.h
fuzz_rnc_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rnc_regress_LDADD = src/libteikitcore.la
fuzz_schematron_regress_SOURCES = fuzz/schematron.c fuzz/scratch.h fuzz/driver.c fuzz/common.h
fuzz_schematron_regress_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_schematron_regress_LDADD = src/libteikitcore.la

if FUZZING
noinst_PROGRAMS = fuzz/encode fuzz/validate fuzz/cli fuzz/rngdiff \
	fuzz/rngpair fuzz/tree fuzz/prolog fuzz/rnc fuzz/schematron
fuzz_encode_SOURCES = fuzz/encode.c fuzz/common.h
fuzz_encode_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_encode_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_encode_LDADD = src/libteikitcore.la
fuzz_validate_SOURCES = fuzz/validate.c fuzz/common.h
fuzz_validate_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_validate_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_validate_LDADD = src/libteikitcore.la
fuzz_rngdiff_SOURCES = fuzz/rngdiff.c fuzz/common.h
fuzz_rngdiff_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rngdiff_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_rngdiff_LDADD = src/libteikitcore.la
fuzz_rngpair_SOURCES = fuzz/rngpair.c fuzz/common.h
fuzz_rngpair_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rngpair_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_rngpair_LDADD = src/libteikitcore.la
fuzz_cli_SOURCES = $(FUZZ_CLI_SOURCES) fuzz/common.h
fuzz_cli_CPPFLAGS = $(FUZZ_CPPFLAGS) -DTEIKIT_NO_MAIN
fuzz_cli_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_cli_LDADD = src/libteikitcore.la
fuzz_tree_SOURCES = $(FUZZ_TREE_SOURCES) fuzz/common.h
fuzz_tree_CPPFLAGS = $(FUZZ_CPPFLAGS) -DTEIKIT_NO_MAIN
fuzz_tree_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_tree_LDADD = src/libteikitcore.la
fuzz_prolog_SOURCES = fuzz/prolog.c fuzz/common.h
fuzz_prolog_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_prolog_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_prolog_LDADD = src/libteikitcore.la
fuzz_rnc_SOURCES = fuzz/rnc.c fuzz/common.h
fuzz_rnc_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_rnc_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_rnc_LDADD = src/libteikitcore.la
fuzz_schematron_SOURCES = fuzz/schematron.c fuzz/scratch.h fuzz/common.h
fuzz_schematron_CPPFLAGS = $(FUZZ_CPPFLAGS)
fuzz_schematron_LDFLAGS = $(AM_LDFLAGS) -fsanitize=fuzzer
fuzz_schematron_LDADD = src/libteikitcore.la
endif

EXTRA_DIST += fuzz/run.sh fuzz/encode.dict fuzz/validate.dict fuzz/cli.dict \
	fuzz/rngdiff.dict fuzz/rngpair.dict fuzz/tree.dict fuzz/prolog.dict fuzz/rnc.dict \
	fuzz/schematron.dict \
	fuzz/rngpair-seeds.sh \
	fuzz/corpus fuzz/regress
