#!/bin/sh
# tests/validate.sh -- `teikit validate` golden lint: each invalid
# document tests/validate/NAME.xml beside NAME.lint, the diagnostics it
# must get against teikit's own schema and house rules, which they are
# written for (--schema teikit --rules teikit, then options from
# NAME.args), like mandoc's lint tests; and each document in
# tests/validate/valid/ gets no diagnostic at all.  Also
# runs every rule set, the JSON format, and one schema for many files.
# With REGEN=1, rewrites the .lint files (make regen).
. "${srcdir:-.}/tests/lib.sh"

dir=$srcdir/tests/validate
for xml in "$dir"/*.xml; do
	name=$(basename "$xml" .xml)
	args="--schema teikit --rules teikit"
	[ -f "$dir/$name.args" ] && args="$args $(cat "$dir/$name.args")"
	# shellcheck disable=SC2086
	(cd "$dir" && run_teikit validate $args "$name.xml") \
	    >"$tmp/out" 2>"$tmp/$name.lint"
	status=$?
	echo "exit $status" >>"$tmp/$name.lint"
	if [ "${REGEN:-0}" = 1 ]; then
		cp "$tmp/$name.lint" "$dir/$name.lint"
		ok "regenerated $name.lint"
		continue
	fi
	check "$name: exits non-zero" [ "$status" -ne 0 ]
	if diff -u "$dir/$name.lint" "$tmp/$name.lint" >"$tmp/diff"; then
		ok "$name: diagnostics as expected"
	else
		sed 's/^/# /' "$tmp/diff"
		not_ok "$name: diagnostics as expected"
	fi
	check "$name: every diagnostic has line and column" \
	    sh -c "! grep -v '^exit' '$tmp/$name.lint' | grep -qv '^$name.xml:[0-9]*:[0-9]*: '"
done
[ "${REGEN:-0}" = 1 ] && { tap_done; exit; }

for set in teikit frus; do
	run_teikit validate --schema teikit --rules $set "$dir"/valid/*.xml >"$tmp/out" \
	    2>"$tmp/err"
	status=$?
	sed 's/^/# /' "$tmp/err"
	check "valid documents, rules $set: exit 0" [ "$status" -eq 0 ]
	check "valid documents, rules $set: no diagnostic" [ ! -s "$tmp/err" ]
done
for f in "$srcdir"/tests/encode/*.xml; do
	run_teikit validate "$f" 2>"$tmp/err"
	check "encoder output $(basename "$f") is valid" \
	    [ $? -eq 0 ] && [ ! -s "$tmp/err" ]
done

run_teikit validate --rules teikit --format json "$dir/rule-pointer.xml" >"$tmp/json"
check "--format json: one object a line" \
    grep -q '^{"file":".*rule-pointer.xml","line":[0-9]*,"column":[0-9]*,"severity":"error","code":"TK-E018","message":".*"}$' "$tmp/json"
run_teikit validate --schema teikit --rules none "$dir/rule-pointer.xml" 2>"$tmp/err"
check "--rules none: the schema alone passes rule-pointer" [ $? -eq 0 ]
run_teikit validate --rules nonsense "$dir/rule-pointer.xml" 2>"$tmp/err"
check "--rules nonsense: usage error" [ $? -eq 3 ]
run_teikit validate --schema "$tmp/none.rng" "$dir/rule-pointer.xml" 2>"$tmp/err"
check "a missing schema: exit 4" [ $? -eq 4 ]
run_teikit validate --rules teikit "$dir/rule-docnum.xml" "$dir/rule-id-dup.xml" \
    "$dir/valid/"*.xml 2>"$tmp/err"
check "many files: the worst decides (2)" [ $? -eq 2 ]
check "many files: each named" sh -c \
    "grep -q rule-docnum.xml '$tmp/err' && grep -q rule-id-dup.xml '$tmp/err'"
cp "$dir/hostile-external-entity.xml" "$tmp/h.xml"
run_teikit validate "$tmp/h.xml" >"$tmp/out" 2>"$tmp/err"
check "external entities: /etc/passwd is never read" \
    sh -c "! grep -q 'root:' '$tmp/err' '$tmp/out'"
# XInclude: files beside the input, only with --xinclude.
mkdir -p "$tmp/xi"
sed -n '1,/<body>/p' "$dir/xinclude-outside.xml" | sed 's/^ *<body>.*//' \
    >"$tmp/xi/main.xml"
cat >>"$tmp/xi/main.xml" <<'XML'
    <body>
      <xi:include href="part.xml"/>
    </body>
  </text>
</TEI>
XML
printf '<p xmlns="http://www.tei-c.org/ns/1.0">Included.</p>\n' >"$tmp/xi/part.xml"
run_teikit validate --xinclude "$tmp/xi/main.xml" 2>"$tmp/err"
check "--xinclude: a file beside the input is included" [ $? -eq 0 ]
run_teikit validate "$tmp/xi/main.xml" 2>"$tmp/err"
check "without --xinclude: xi:include is not TEI" grep -q "TK-E016" "$tmp/err"
# -j: the same diagnostics, in the order of the files.
run_teikit validate --schema teikit -j1 "$dir"/*.xml "$dir"/valid/*.xml 2>"$tmp/j1"
s1=$?
run_teikit validate --schema teikit -j4 "$dir"/*.xml "$dir"/valid/*.xml 2>"$tmp/j4"
s4=$?
check "validate -j4: same output as -j1, same order" cmp -s "$tmp/j1" "$tmp/j4"
check "validate -j4: same exit status as -j1" [ "$s1" -eq "$s4" ]
tap_done
