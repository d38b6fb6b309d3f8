#!/bin/sh
# tests/hostile.sh -- hostile XML given to validate, render and build:
# external entities and DTDs, entity bombs, parameter entities, deep
# nesting, huge text and attributes, XInclude out of the input's folder,
# and stylesheets that read or write files.  Each is refused or handled
# with a coded diagnostic, reads no file and opens no connection it was
# not given (a sentinel file's contents must appear nowhere; under
# strace, when it works here, no open of the sentinel and no connect),
# and ends (`timeout 300` is a hang guard, not a timed assertion: the
# 100 MB build takes 8 s of CPU, but 60 s of wall time ran out on a
# loaded two-core machine under strace).
. "${srcdir:-.}/tests/lib.sh"

# TEIKIT_TEST_SCALE=10 (the sanitizer build of .ci/run): outsized inputs
# a tenth as large, the same code paths.
div=${TEIKIT_TEST_SCALE:-1}

secret=$tmp/secret
mkdir -p "$secret"
sentinel=SENTINEL-c4f1e2a9
echo "$sentinel" >"$secret/file.txt"
printf '<!ENTITY leak "%s">\n<!ATTLIST p rend CDATA "%s">\n' \
    "$sentinel" "$sentinel" >"$secret/evil.dtd"
printf '<!ENTITY %% inner "<!ENTITY leak \\"%s\\">">\n%%inner;\n' \
    "$sentinel" >"$secret/evil.ent"

# strace to watch opens and connections, when it can run here
# (LeakSanitizer cannot run under ptrace: off for these runs).
if strace -f -o /dev/null true 2>/dev/null; then
	trace() { log=$1; shift
	    ASAN_OPTIONS="${ASAN_OPTIONS:-}:detect_leaks=0" strace -f -qq \
	    -e trace=open,openat,connect -o "$log" "$@"; }
else
	trace() { shift; "$@"; }
fi

hdr='<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>T</title></titleStmt><publicationStmt><p>P.</p></publicationStmt><sourceDesc><p>S.</p></sourceDesc></fileDesc></teiHeader><text><body>'
ftr='</body></text></TEI>'

# run1 DIR LABEL COMMAND...: under the hang guard; stdout, stderr and the
# trace kept as DIR/LABEL.{out,err,trace}; sets $status.
run1() {
	d=$1 label=$2
	shift 2
	rm -f "$d/$label.trace"
	trace "$d/$label.trace" timeout 300 "$TEIKIT_BIN" "$@" \
	    >"$d/$label.out" 2>"$d/$label.err"
	status=$?
}

# leaked DIR: did the sentinel reach any output (the inputs aside), or
# was a file of the secret folder opened, or a connection attempted?
leaked() {
	grep -rqs --exclude=in.xml --exclude=sheet.xsl --exclude='*.trace' \
	    "$sentinel" "$1" && return 0
	cat "$1"/*.trace 2>/dev/null | grep -q "$secret\|connect(.*AF_INET" &&
	    return 0
	return 1
}

# coded FILE: is every line of FILE a coded diagnostic?
coded() {
	! grep -qv ': \(note\|warning\|error\): .* \[TK-[NWEUS][0-9]*\]$' "$1"
}

# hostile NAME CODE: in.xml of $tmp/NAME through validate, render --to
# text and html, and build; each must end with exit 0 to 2 (no crash, no
# hang, no system error) and only coded diagnostics, print CODE (unless
# "-": then the input is simply handled), and leak nothing.
hostile() {
	name=$1 code=$2 d=$tmp/$1
	for cmd in validate text html build; do
		case $cmd in
		validate) run1 "$d" $cmd validate "$d/in.xml" ;;
		text|html) run1 "$d" $cmd render --to $cmd -o "$d/out.$cmd" \
		    "$d/in.xml" ;;
		build) run1 "$d" $cmd build -j 2 --quiet --views html,text \
		    -o "$d/edition" "$d/in.xml" ;;
		esac
		if [ $status -le 2 ] && coded "$d/$cmd.err"; then
			ok "$name: $cmd ends with exit $status, coded"
		else
			head -c 2000 "$d/$cmd.err" | sed 's/^/# /'
			not_ok "$name: $cmd ends with exit $status, coded"
		fi
		[ "$code" = - ] && continue
		if grep -q "\[$code\]\$" "$d/$cmd.err"; then
			ok "$name: $cmd says $code"
		else
			head -c 2000 "$d/$cmd.err" | sed 's/^/# /'
			not_ok "$name: $cmd says $code"
		fi
	done
	if leaked "$d"; then
		grep -rl "$sentinel" "$d" | sed 's/^/# sentinel in /'
		grep -h "$secret\|connect(" "$d"/*.trace 2>/dev/null |
		    head -5 | sed 's/^/# /'
		not_ok "$name: reads no file and opens no connection"
	else
		ok "$name: reads no file and opens no connection"
	fi
}

# case NAME: the document (stdin) to $tmp/NAME/in.xml.
case_doc() {
	mkdir -p "$tmp/$1"
	cat >"$tmp/$1/in.xml"
}

# -- external entities and DTDs --
case_doc ext-file <<EOF2
<!DOCTYPE TEI [<!ENTITY x SYSTEM "file://$secret/file.txt">]>
$hdr<p>See &x;.</p>$ftr
EOF2
hostile ext-file TK-W010

cp "$secret/file.txt" "$tmp/beside.txt"
case_doc ext-relative <<EOF2
<!DOCTYPE TEI [<!ENTITY x SYSTEM "../secret/file.txt">]>
$hdr<p>See &x;.</p>$ftr
EOF2
hostile ext-relative TK-W010

case_doc ext-http <<EOF2
<!DOCTYPE TEI [<!ENTITY x SYSTEM "http://127.0.0.1:9/x.xml">
<!ENTITY y SYSTEM "https://teikit-test.invalid/y.xml">]>
$hdr<p>See &x; and &y;.</p>$ftr
EOF2
hostile ext-http TK-W010

case_doc ext-dtd <<EOF2
<!DOCTYPE TEI SYSTEM "file://$secret/evil.dtd">
$hdr<p>Text.</p>$ftr
EOF2
hostile ext-dtd TK-W010

case_doc ext-dtd-http <<EOF2
<!DOCTYPE TEI PUBLIC "-//TEI//DTD TEI P5//EN" "http://127.0.0.1:9/tei.dtd">
$hdr<p>Text.</p>$ftr
EOF2
hostile ext-dtd-http TK-W010

case_doc param-external <<EOF2
<!DOCTYPE TEI [<!ENTITY % pe SYSTEM "file://$secret/evil.ent"> %pe;]>
$hdr<p>Text &leak;.</p>$ftr
EOF2
hostile param-external TK-E012

# -- entity bombs: refused by the parser's amplification limit --
{
	laughs TEI
	echo "]>$hdr<p>&j;</p>$ftr"
} | case_doc billion-laughs
hostile billion-laughs TK-E012
sed 's/<p>&j;</<p n="\&j;">x</' "$tmp/billion-laughs/in.xml" |
    case_doc billion-laughs-attr
hostile billion-laughs-attr TK-E012

# Quadratic blow-up: one 20,000-character entity used 20,000 times (400
# million characters from 100 kB), in text and in an attribute.
{
	printf '<!DOCTYPE TEI [<!ENTITY big "%s">]>\n' \
	    "$(head -c 20000 /dev/zero | tr '\0' x)"
	printf '%s<p n="%s">' "$hdr" "$(head -c 2000 /dev/zero |
	    sed 's/\x0/\&big;/g')"
	head -c 20000 /dev/zero | sed 's/\x0/\&big;/g'
	echo "</p>$ftr"
} | case_doc quadratic
hostile quadratic TK-E012

case_doc param-internal <<EOF2
<!DOCTYPE TEI [<!ENTITY % p "<!ENTITY e 'text'>"> %p;]>
$hdr<p>An &e;.</p>$ftr
EOF2
hostile param-internal -

# -- size and depth --
deep() {
	{
		printf '%s' "$hdr"
		head -c "$1" /dev/zero | sed 's/\x0/<hi>/g'
		head -c "$1" /dev/zero | sed 's/\x0/<\/hi>/g'
		echo "$ftr"
	} | case_doc "deep-$1"
	hostile "deep-$1" TK-E012
}
deep 10000
deep 100000

{
	printf '%s<p>' "$hdr"
	head -c $((100000000 / div)) /dev/zero | tr '\0' a
	echo "</p>$ftr"
} | case_doc text-100mb
hostile text-100mb -

{
	printf '%s<p rend="' "$hdr"
	head -c $((1000000 / div)) /dev/zero | tr '\0' a
	echo "\">An attribute of a million characters.</p>$ftr"
} | case_doc attr-1m
hostile attr-1m -

{
	printf '%s<p xml:id="a" corresp="' "$hdr"
	head -c $((200000 / div)) /dev/zero | sed 's/\x0/#a /g'
	echo "\">Pointers.</p>$ftr"
} | case_doc pointers-1m
hostile pointers-1m -

# -- XInclude out of the input's folder (validate --xinclude) --
xinclude() {
	name=$1 href=$2 d=$tmp/$1
	mkdir -p "$d"
	printf '%s<p>A<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="%s" parse="text"/></p>%s\n' \
	    "$hdr" "$href" "$ftr" >"$d/in.xml"
	run1 "$d" validate validate --xinclude "$d/in.xml"
	check "$name: exit 2" [ $status -eq 2 ]
	check "$name: TK-E024" grep -q '\[TK-E024\]$' "$d/validate.err"
	if leaked "$d"; then
		not_ok "$name: $href left unread"
	else
		ok "$name: $href left unread"
	fi
}
xinclude xinclude-parent ../secret/file.txt
xinclude xinclude-absolute "$secret/file.txt"
xinclude xinclude-file-url "file://$secret/file.txt"
mkdir -p "$tmp/xinclude-symlink"
ln -s "$secret" "$tmp/xinclude-symlink/link"
xinclude xinclude-symlink link/file.txt
xinclude xinclude-http http://127.0.0.1:9/x.txt

# -- stylesheets that read or write files --
printf '%s<p>Text.</p>%s\n' "$hdr" "$ftr" >"$tmp/plain.xml"
# sheet NAME CODE [any]: render with the stylesheet (stdin) as
# --stylesheet; refused (exit 2, or 4 when it does not compile) with
# CODE, coded diagnostics only, no output (unless "any"), nothing read.
sheet() {
	name=$1 code=$2 out=${3:-none} d=$tmp/$1
	mkdir -p "$d"
	cat >"$d/sheet.xsl"
	run1 "$d" render render --stylesheet "$d/sheet.xsl" -o "$d/out" \
	    "$tmp/plain.xml"
	check "$name: exit 2 or 4" [ $status -eq 2 -o $status -eq 4 ]
	if grep -q "\[$code\]\$" "$d/render.err" && coded "$d/render.err"
	then
		ok "$name: $code, every message coded"
	else
		sed 's/^/# /' "$d/render.err"
		not_ok "$name: $code, every message coded"
	fi
	[ "$out" = any ] || check "$name: no output" [ ! -e "$d/out" ]
	if leaked "$d"; then
		not_ok "$name: reads no file and opens no connection"
	else
		ok "$name: reads no file and opens no connection"
	fi
}
xsl='<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform" xmlns:exsl="http://exslt.org/common" extension-element-prefixes="exsl">'
sheet document-file TK-E014 <<EOF2
$xsl<xsl:template match="/"><xsl:copy-of select="document('file://$secret/file.txt')"/><xsl:value-of select="document('$secret/evil.dtd')"/></xsl:template></xsl:stylesheet>
EOF2
sheet document-http TK-E014 <<EOF2
$xsl<xsl:template match="/"><xsl:copy-of select="document('http://127.0.0.1:9/x.xml')"/></xsl:template></xsl:stylesheet>
EOF2
sheet exsl-document TK-E014 <<EOF2
$xsl<xsl:template match="/"><exsl:document href="$tmp/exsl-document/written.txt" method="text">$sentinel</exsl:document></xsl:template></xsl:stylesheet>
EOF2
check "exsl-document: the file was not written" \
    [ ! -e "$tmp/exsl-document/written.txt" ]
sheet xsl-document TK-E014 <<EOF2
<xsl:stylesheet version="1.1" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:document href="$tmp/xsl-document/written.txt" method="text">$sentinel</xsl:document></xsl:template></xsl:stylesheet>
EOF2
check "xsl-document: the file was not written" \
    [ ! -e "$tmp/xsl-document/written.txt" ]
sheet result-document TK-S004 any <<EOF2
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"><xsl:template match="/"><xsl:result-document href="$tmp/result-document/written.txt" method="text">$sentinel</xsl:result-document></xsl:template></xsl:stylesheet>
EOF2
check "result-document: the file was not written" \
    [ ! -e "$tmp/result-document/written.txt" ]
sheet sheet-entity TK-S004 <<EOF2
<!DOCTYPE xsl:stylesheet [<!ENTITY x SYSTEM "file://$secret/file.txt">]>
$xsl<xsl:template match="/"><xsl:text>&x;</xsl:text></xsl:template></xsl:stylesheet>
EOF2

tap_done
