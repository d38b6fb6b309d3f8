#!/bin/sh
# build.sh -- set up, build and run teikit on a fresh Debian machine.
#   ./build.sh demo    install what is missing, build, encode the bundled
#                      telegram into out/: the TEI, its text view, the
#                      HTML reading edition and (with pdflatex) the PDF
#   ./build.sh check   install what is missing, build, run the whole test
#                      suite (and again under valgrind); ends with
#                      "N passed, N failed, N skipped"
# Packages are installed with apt-get only when missing (as root).
set -eu
cd "$(dirname "$0")"

PACKAGES="gcc make autoconf automake libtool pkg-config libxml2-dev
libxslt1-dev libxml2-utils libjson-c-dev"
CHECK_PACKAGES="jing valgrind chromium texlive-latex-base poppler-utils
python3 python3-jsonschema libsaxonhe-java tidy neovim"

need() {
	missing=
	for p in "$@"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		    grep -q "ok installed" || missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "build.sh: missing packages:$missing (run as root, or" \
		    "apt-get install them)" >&2
		exit 1
	fi
	echo "build.sh: installing$missing" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	    --no-install-recommends $missing >/dev/null
}

build() {
	[ -x configure ] || ./autogen.sh >/dev/null 2>&1
	[ -f Makefile ] || ./configure -q
	make -s -j"$(nproc 2>/dev/null || echo 2)" >/dev/null
}

# The SARIF 2.1.0 JSON schema (2.1.0-rtm.5, the one GitHub's code
# scanning reads), which no Debian package ships, from the npm registry
# (Microsoft's jest-sarif carries it), for tests/format.sh: kept in
# _deps/, never committed.  Without npm or the registry the test checks
# SARIF's structure by hand only, and says the schema check is skipped.
sarif_schema() {
	[ -n "${TEIKIT_SARIF_SCHEMA:-}" ] && return 0
	f=_deps/package/lib/schemas/sarif-2.1.0-rtm.5.json
	if [ ! -f "$f" ] && command -v npm >/dev/null 2>&1; then
		mkdir -p _deps
		(cd _deps && timeout 120 npm pack --silent \
		    @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null 2>&1 &&
		    tar -xzf microsoft-jest-sarif-1.0.0-beta.0.tgz \
		    package/lib/schemas/sarif-2.1.0-rtm.5.json) || true
	fi
	[ -f "$f" ] && TEIKIT_SARIF_SCHEMA=$(pwd)/$f && export TEIKIT_SARIF_SCHEMA
	return 0
}

# Sum automake's "# PASS: N" lines over the runs logged in $1.
summary() {
	awk '/^# PASS:/ { p += $3 } /^# FAIL:/ || /^# ERROR:/ || /^# XPASS:/ { f += $3 }
	    /^# SKIP:/ { s += $3 }
	    END { printf "%d passed, %d failed, %d skipped\n", p, f, s }' "$1"
}

case "${1:-}" in
demo)
	# shellcheck disable=SC2086
	need $PACKAGES
	build
	mkdir -p out
	./teikit encode -o out/telegram-1235.xml examples/telegram-1235.txt
	./teikit render --to text -o out/telegram-1235.txt out/telegram-1235.xml
	./teikit render --to html -o out/telegram-1235.html out/telegram-1235.xml
	if cmp -s examples/telegram-1235.txt out/telegram-1235.txt; then
		same="identical to the input"
	else
		same="DIFFERENT from the input"
	fi
	echo "teikit: wrote $(pwd)/out/telegram-1235.xml (TEI P5)"
	echo "teikit: wrote $(pwd)/out/telegram-1235.txt (text view, $same)"
	echo "teikit: wrote $(pwd)/out/telegram-1235.html (reading edition)"
	if command -v pdflatex >/dev/null 2>&1; then
		./teikit render --to pdf -o out/telegram-1235.pdf \
		    out/telegram-1235.xml
		echo "teikit: wrote $(pwd)/out/telegram-1235.pdf (print edition)"
	else
		echo "teikit: no PDF: pdflatex is missing (apt-get install" \
		    "texlive-latex-base)"
	fi
	;;
check)
	# shellcheck disable=SC2086
	need $PACKAGES $CHECK_PACKAGES
	build
	sarif_schema
	log=$(mktemp)
	status=0
	make -s -j"$(nproc 2>/dev/null || echo 2)" check >"$log" 2>&1 || status=1
	cat "$log"
	log2=$(mktemp)
	make -s check-valgrind >"$log2" 2>&1 || status=1
	sed 's/^# \(TOTAL\|PASS\|SKIP\|XFAIL\|FAIL\|XPASS\|ERROR\):/# valgrind \1:/' "$log2"
	cat "$log2" >>"$log"
	summary "$log"
	rm -f "$log" "$log2"
	exit $status
	;;
*)
	echo "usage: ./build.sh demo|check" >&2
	exit 3
	;;
esac
