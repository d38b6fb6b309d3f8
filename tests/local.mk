# tests/local.mk -- the test suite, included by Makefile.am.  Every test
# prints TAP; run them with `make check`, under valgrind with
# `make check-valgrind`, and rewrite the golden files with `make regen`.

check_PROGRAMS = tests/unit
tests_unit_SOURCES = tests/unit.c
tests_unit_LDADD = src/libteikitcore.la

# The RELAX NG conformance suites (spectest, xsdtest, regextest, and
# compacttest for the compact syntax) against teikit's own engine;
# `tests/rngsuite -l` lists the failures only.
check_PROGRAMS += tests/rngsuite
tests_rngsuite_SOURCES = tests/rngsuite.c
tests_rngsuite_LDADD = src/libteikitcore.la

# XML Schema regular expressions and the datatype decisions, as units.
check_PROGRAMS += tests/regex
tests_regex_SOURCES = tests/regex.c
tests_regex_LDADD = src/libteikitcore.la

# The XPath 2.0 evaluator of src/sch/, as units; and against Saxon-HE
# where java is installed.
check_PROGRAMS += tests/xpath
tests_xpath_SOURCES = tests/xpath.c
tests_xpath_LDADD = src/libteikitcore.la

TESTS = \
	tests/unit \
	tests/rngsuite \
	tests/regex \
	tests/xpath \
	tests/xpath-saxon.sh \
	tests/sch-tei.sh \
	tests/sch-diff.sh \
	tests/schematron.sh \
	tests/golden.sh \
	tests/roundtrip.sh \
	tests/bad-input.sh \
	tests/cli.sh \
	tests/conventions.sh \
	tests/validate.sh \
	tests/browser.sh \
	tests/render.sh \
	tests/build.sh \
	tests/corpus.sh \
	tests/fuzz.sh \
	tests/hostile.sh \
	tests/broken.sh \
	tests/lose.sh \
	tests/jing.sh \
	tests/differential.sh \
	tests/engine.sh \
	tests/schema-bounds.sh \
	tests/safety.sh \
	tests/doc-safety.sh \
	tests/encode-limits.sh \
	tests/view-limits.sh \
	tests/declared.sh \
	tests/format.sh \
	tests/rnc.sh \
	tests/views-empty.sh \
	tests/frus-score.sh \
	tests/views-conserve.sh \
	tests/views-tidy.sh \
	tests/views-browser.sh \
	tests/view-text.sh \
	tests/view-latex.sh \
	tests/view-html.sh

LOG_DRIVER = env AM_TAP_AWK='$(AWK)' $(SHELL) \
	$(top_srcdir)/build-aux/tap-driver.sh
AM_TESTS_ENVIRONMENT = srcdir='$(abs_top_srcdir)' \
	top_builddir='$(abs_top_builddir)'; \
	export srcdir top_builddir;

# The golden pairs travel as a whole directory.
EXTRA_DIST += tests/lib.sh tests/golden.sh tests/roundtrip.sh \
	tests/bad-input.sh tests/cli.sh tests/conventions.sh tests/jing.sh \
	tests/validate.sh \
	tests/browser.sh \
	tests/render.sh \
	tests/build.sh \
	tests/corpus.sh \
	tests/fuzz.sh \
	tests/hostile.sh \
	tests/broken.sh \
	tests/lose.sh \
	tests/encode tests/validate tests/render tests/split \
	tests/differential.sh tests/rng tests/engine.sh tests/schema-bounds.sh \
	tests/safety.sh \
	tests/doc-safety.sh \
	tests/encode-limits.sh \
	tests/view-limits.sh \
	tests/declared.sh \
	tests/format.sh \
	tests/rnc.sh \
	tests/xpath-saxon.sh \
	tests/sch tests/sch-tei.sh tests/sch-diff.sh tests/sch-svrl.py \
	tests/schematron.sh tests/sch-feat \
	tests/views-empty.sh \
	tests/frus-score.sh tests/frus-score \
	tests/views-conserve.sh tests/views-tidy.sh tests/views-browser.sh \
	tests/conserve.py tests/views \
	tests/view-text.sh tests/view-text \
	tests/view-latex.sh tests/view-latex \
	tests/view-html.sh tests/view-html

# The golden tests, the bad-input tests and a language-server session
# under valgrind.
check-valgrind: all
	$(MAKE) $(AM_MAKEFLAGS) check TEIKIT_VALGRIND=1 \
	    TESTS='tests/golden.sh tests/bad-input.sh tests/roundtrip.sh tests/lsp.sh'

# After reviewing a change of output: rewrite tests/encode/*.xml etc.
regen: all
	REGEN=1 srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/tests/golden.sh
	REGEN=1 srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/tests/validate.sh
	REGEN=1 srcdir='$(abs_top_srcdir)' top_builddir='$(abs_top_builddir)' \
	    $(SHELL) $(srcdir)/tests/render.sh

.PHONY: check-valgrind regen

# The browser test's screenshot, kept for a person to look at.
CLEANFILES = tests/browser-seed.png tests/views-play.png \
	tests/views-letter.png tests/views-novel.png tests/views-apparatus.png

# teikit lsp: recorded sessions (tests/lsp/session.py), its fuzz
# target's seeds (fuzz/fuzz_lsp.c), Neovim's own LSP client.
TESTS += tests/lsp.sh tests/lsp-fuzz.sh tests/lsp-nvim.sh tests/lsp-corpus.sh
EXTRA_DIST += tests/lsp.sh tests/lsp-fuzz.sh tests/lsp-nvim.sh tests/lsp-corpus.sh tests/lsp fuzz/fuzz_lsp.c
