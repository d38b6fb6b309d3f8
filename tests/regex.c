/*
 * tests/regex.c -- unit tests of the RELAX NG engine's XML Schema
 * regular expressions (src/rng/rngregex.c): what the parser refuses and
 * where it says, what matches, counted repetitions against their
 * unbounded equivalents, hostile expressions, and matching from several
 * threads with one compiled expression; then the datatypes around them
 * (src/rng/rngtypes.c): parameters refused and freed, decimals at any
 * length, XML Schema 1.0's years.  Prints TAP.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/xmlschemastypes.h>

#include "rng.h"
#include "rngregex.h"

#define XSD_DT	"http://www.w3.org/2001/XMLSchema-datatypes"

static int n_tests, n_failed;

static void
ok(int cond, const char *fmt, const char *a, const char *b)
{
	char	 what[512], *p;

	n_tests++;
	if (!cond)
		n_failed++;
	snprintf(what, sizeof(what), fmt, a, b);
	for (p = what; *p != '\0'; p++)	/* one line of TAP */
		if ((unsigned char)*p < ' ')
			*p = '?';
	printf("%s %d - %s\n", cond ? "ok" : "not ok", n_tests, what);
}

/* Expressions refused, and the end of the message: where and why. */
static const struct {
	const char	*re, *err;
} bad[] = {
	{ "a??", "\"a??\" at character 3: a quantifier cannot follow a "
	    "quantifier" },
	{ "a*+", "at character 3: a quantifier cannot follow" },
	{ "a{2}{3}", "at character 5: a quantifier cannot follow" },
	{ "?", "at character 1: '?' has nothing before it to repeat" },
	{ "(*)", "at character 2: '*' has nothing" },
	{ "a|+", "at character 3: '+' has nothing" },
	{ "{2}", "at character 1: '{' has nothing" },
	{ "\\", "at character 1: '\\' ends the expression" },
	{ "\\a", "at character 1: unknown escape \\a" },
	{ "\\$", "at character 1: unknown escape \\$" },
	{ "(", "at character 1: '(' is never closed" },
	{ "(a|(b)", "at character 1: '(' is never closed" },
	{ ")", "at character 1: ')' has no '(' to close" },
	{ "a)b", "at character 2: ')' has no '('" },
	{ "]", "at character 1: ']' must be escaped as \\]" },
	{ "}", "at character 1: '}' must be escaped" },
	{ "[", "at character 1: '[' is never closed" },
	{ "[a", "at character 1: '[' is never closed" },
	{ "[a-", "at character 1: '[' is never closed" },
	{ "[]", "at character 2: a character class cannot be empty" },
	{ "[^]", "at character 3: a character class cannot be empty" },
	{ "[]]", "at character 2: a character class cannot be empty" },
	{ "[[]", "at character 2: '[' in a character class must be escaped" },
	{ "[\\]", "at character 1: '[' is never closed" },
	{ "[a-[a]-[a]]", "at character 7: a subtraction must end" },
	{ "[-[a]]", "at character 2: nothing to subtract from" },
	{ "[z-a]", "at character 2: the range ends before it starts" },
	{ "[a-\\d]", "at character 2: a range cannot end at a class escape" },
	{ "[\\d-z]", "at character 2: a range cannot start at a class" },
	{ "[a--]", "at character 4: a range cannot end at '-'" },
	{ "[--a]", "at character 2: a range cannot start at '-'" },
	{ "[a-z-b]", "at character 5: '-' must be escaped" },
	{ "x{2,1}", "at character 2: the quantifier's minimum is greater" },
	{ "x{2147483649,2147483648}", "at character 2: the quantifier's" },
	{ "x{1, 2}", "at character 5: a number was expected" },
	{ "x{ 2}", "at character 3: a number was expected" },
	{ "x{2 }", "at character 4: '}' was expected" },
	{ "x{-0,1}", "at character 3: a number was expected" },
	{ "x{+2}", "at character 3: a number was expected" },
	{ "x{,2}", "at character 3: a number was expected" },
	{ "x{2", "at character 4: '}' was expected" },
	{ "\\pL", "at character 1: \\p must be followed by a name" },
	{ "\\p{L", "at character 1: \\p{ is never closed" },
	{ "\\p{Cs}", "at character 4: no character property is named "
	    "\"Cs\"" },
	{ "\\p{Lx}", "no character property is named \"Lx\"" },
	{ "\\P{IsFoo}", "at character 4: no Unicode block is named \"Foo\"" },
	{ "\\p{IsHighSurrogates}", "no Unicode block is named" },
	{ "\\p{IsHighPrivateUseSurrogates}", "no Unicode block is named" },
	{ "\\p{IsLowSurrogates}", "no Unicode block is named" },
	{ "\\p{IsGreekandCoptic}", "no Unicode block is named" },
	{ "((.){0,2147483648}){5,2147483648}", "at character 1: too large" },
	{ "a\xff", "at character 2: not UTF-8" },
};

/* Expressions taken (none of these may be refused). */
static const char *const good[] = {
	"", "|", "a|", "()", "(|)", "^", "$", "-", "a-", "[-]", "[a-]",
	"[-a]", "[^-]", "[^^]", "[a^]", "[\\^]", "[f&&g]", "[?+*(){}|.]",
	"[\\--\\]]", "[a-z-[aeiou]]", "[\\p{Nd}-[\\p{IsThai}]]",
	"[^a-[b]]", "[a-z-[b-y-[c]]]", "x{0}", "x{00,0}", "x{1,1}",
	"x{2147483648}", "x{0,2147483648}", "x{99999999999999999999,}",
	"\\i\\c*", "\\S\\I\\C\\D\\W", "\\p{IsBasicLatin}",
	"\\p{IsLatin-1Supplement}", "\\p{IsCJKUnifiedIdeographsExtensionB}",
	"\\p{IsPrivateUse}\\p{IsSpecials}", "\\p{Cn}\\P{C}",
	"~!@#$%\\^&\\*\\(\\)_\\+`\\-=\\{\\}\\[\\]\\|\\\\:;\"',\\.<>/\\?",
};

/* Whole-string matches: expression, text, 1 if it matches. */
static const struct {
	const char	*re, *s;
	int		 want;
} match[] = {
	{ "xyzzy", "xyzzy", 1 }, { "xyzzy", "xyzzyy", 0 },
	{ "xyzzy", " xyzzy", 0 }, { "", "", 1 }, { "", "x", 0 },
	{ "|", "", 1 }, { "|", "|", 0 }, { "a|b", "b", 1 },
	{ "$", "$", 1 }, { "$", "", 0 }, { "^", "^", 1 },
	{ ".", "\xf0\x90\x8c\xb0", 1 }, { ".", "\n", 0 }, { ".", "\r", 0 },
	{ ".", "", 0 }, { ".", "..", 0 },
	{ "[^^]", "x", 1 }, { "[^^]", "^", 0 },
	{ "[a-z-[c-y]]", "b", 1 }, { "[a-z-[c-y]]", "d", 0 },
	{ "[a-z-[b-y-[c]]]", "c", 1 }, { "[a-z-[b-y-[c]]]", "d", 0 },
	{ "[^a-[b]]", "c", 1 }, { "[^a-[b]]", "b", 0 }, { "[^a-[b]]", "a", 0 },
	{ "a[\xf0\x90\x8c\xb0-[\xf0\x90\x8c\xb0]]*b", "ab", 1 },
	{ "a[\xf0\x90\x8c\xb0-[\xf0\x90\x8c\xb0]]*b",
	    "a\xf0\x90\x8c\xb0" "b", 0 },
	{ "\\i", "j", 1 }, { "\\i", "\xe2\x84\xae", 1 }, { "\\i", ":", 1 },
	{ "\\i", "_", 1 }, { "\\i", "1", 0 }, { "\\i", "\xf0\x90\x80\x80", 0 },
	{ "\\c", "\xc2\xb7", 1 }, { "\\c", "-", 1 }, { "\\c", " ", 0 },
	{ "\\I", "1", 1 }, { "\\C", " ", 1 },
	{ "\\d", "\xd9\xa3", 1 }, { "\\d", "a", 0 }, { "\\D", "a", 1 },
	{ "\\s", "\t", 1 }, { "\\s", "\xc2\xa0", 0 }, { "\\S", "a", 1 },
	{ "\\w", "a", 1 }, { "\\w", "$", 1 }, { "\\w", "_", 0 },
	{ "\\w", " ", 0 }, { "\\W", "_", 1 },
	{ "\\p{Lu}", "A", 1 }, { "\\p{Lu}", "a", 0 }, { "\\P{Lu}", "a", 1 },
	{ "\\p{L}", "\xc3\xa9", 1 }, { "\\p{Nd}", "5", 1 },
	{ "\\p{Cc}", "\x01", 1 }, { "\\p{Co}", "\xee\x80\x80", 1 },
	{ "\\p{C}", "\xee\x80\x80", 1 }, { "\\p{C}", "a", 0 },
	{ "\\p{Cn}", "\xcd\xb8", 1 }, { "\\p{Cn}", "a", 0 },
	{ "\\p{IsGothic}", "\xf0\x90\x8c\xb0", 1 },
	{ "\\p{IsGothic}", "\xf0\x90\x8d\x8f", 1 },
	{ "\\p{IsGothic}", "\xf0\x90\x8d\x90", 0 },
	{ "\\P{IsGothic}", "X", 1 }, { "\\P{IsGothic}", "\xf0\x90\x8c\xb0", 0 },
	{ "\\p{IsPrivateUse}", "\xf3\xb0\x80\x80", 1 },
	{ "\\p{IsGreek}", "\xce\xb1", 1 },
	{ "[\\p{L}-[a-z]]", "A", 1 }, { "[\\p{L}-[a-z]]", "a", 0 },
	{ "x{1,1}", "x", 1 }, { "x{2,3}", "xxxx", 0 }, { "x{2,}", "xxxxx", 1 },
	{ "x{2147483648}", "x", 0 }, { "x{0,2147483648}", "", 1 },
	{ "x{0,2147483648}", "xxx", 1 }, { "x{0,2147483648}", "y", 0 },
	{ "(a|ab)(c|bcd)(d*)", "abcd", 1 }, { "(a*)*b", "aab", 1 },
	{ "(a?){3}a{3}", "aaa", 1 }, { "(a?){3}a{3}", "aa", 0 },
	{ "(){9999999999999999999999}", "", 1 }, { "(()){99999999999,}", "", 1 },
	{ "(|a){2147483648}", "aa", 1 }, { "(a|){2147483648,}b", "aab", 1 },
	{ "a", "\xff", 0 }, { ".", "\xc0\x80", 0 },
	{ ".", "\xed\xa0\x80", 0 },
};

/*
 * Counted repetitions (large counts take counters, not copies) against
 * their unbounded equivalents, on every string of a and b up to 8
 * long: shorter than any count here, so each pair must agree.
 */
static const char *const same[][2] = {
	{ "(a|ab){2,300}", "(a|ab){2,}" },
	{ "(a?b?){0,1000}", "[ab]*" },
	{ "(a|b|){0,700}", "[ab]*" },
	{ "((a|)(b|)){5,700}", "[ab]*" },
	{ "((a|b)(a|b)){1,500}", "((a|b)(a|b))+" },
	{ "(a|bb){3,400}b", "(a|bb){3,}b" },
	{ "(a{2}|b){2,1000}", "(a{2}|b){2,}" },
	{ "(ab?){300,}", "c" },
	{ "(a*b){2,2147483648}", "(a*b){2,}" },
	{ "a{0,2147483648}b{1,2147483648}", "a*b+" },
	{ "((a|b){300}){0,5}", "" },
	{ "(a{1,3}b{0,300}){2,1000}", "(a{1,3}b*){2,}" },
	{ "(b{0,300}a){0,300}b{0,300}", "[ab]*" },
	{ "((ab){0,1000}|b){1,1000}", "(ab|b)*" },
};

static void
test_bad(void)
{
	struct rng_regex *re;
	size_t		 i;
	char		*err;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		re = rng_regex_compile(bad[i].re, &err);
		ok(re == NULL && err != NULL && strstr(err, bad[i].err) !=
		    NULL && strncmp(err, "bad regular expression \"", 24) == 0,
		    "refused %s: %s", bad[i].re, err ? err : "(taken)");
		rng_regex_free(re);
		free(err);
	}
}

static void
test_good(void)
{
	struct rng_regex *re;
	size_t		 i;
	char		*err;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		re = rng_regex_compile(good[i], &err);
		ok(re != NULL, "taken %s%s", good[i], err ? err : "");
		rng_regex_free(re);
		free(err);
	}
}

static void
test_match(void)
{
	struct rng_regex *re;
	size_t		 i;
	char		*err;
	int		 r;

	for (i = 0; i < sizeof(match) / sizeof(match[0]); i++) {
		re = rng_regex_compile(match[i].re, &err);
		r = re == NULL ? -2 : rng_regex_match(re, match[i].s,
		    strlen(match[i].s));
		ok(r == match[i].want, match[i].want ? "/%s/ matches \"%s\"" :
		    "/%s/ does not match \"%s\"", match[i].re, match[i].s);
		rng_regex_free(re);
		free(err);
	}
}

static void
test_same(void)
{
	struct rng_regex *a, *b;
	char		 s[9], *err;
	size_t		 i, len, bits, k;
	int		 agree;

	for (i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		a = rng_regex_compile(same[i][0], &err);
		free(err);
		b = rng_regex_compile(same[i][1], &err);
		free(err);
		agree = a != NULL && b != NULL;
		for (len = 0; agree && len <= 8; len++)
			for (bits = 0; agree && bits < (size_t)1 << len;
			    bits++) {
				for (k = 0; k < len; k++)
					s[k] = bits >> k & 1 ? 'b' : 'a';
				s[len] = '\0';
				agree = rng_regex_match(a, s, len) ==
				    rng_regex_match(b, s, len);
			}
		ok(agree, "/%s/ as /%s/", same[i][0], same[i][1]);
		rng_regex_free(a);
		rng_regex_free(b);
	}
}

/* Expressions a backtracking matcher takes exponential time on, on
 * long texts: these must come back (no timing is asserted). */
static void
test_hostile(void)
{
	static const struct {
		const char	*re, *unit, *tail;
		size_t		 n;
		int		 want;
	} h[] = {
		{ "(a*)*b", "a", "", 10000, 0 },
		{ "(a|a)*b", "a", "", 10000, 0 },
		{ "(a|aa)*c", "a", "", 10000, 0 },
		{ "(a?){5000}a{5000}", "a", "", 5000, 1 },
		{ "(.*a){20}", "a", "b", 10000, 0 },
		{ "x{0,2147483648}", "x", "", 100000, 1 },
		{ "(x|xx){0,2147483648}y", "x", "", 10000, 0 },
		{ "(\\i\\c*\\s?)*!", "abc ", "", 10000, 0 },
	};
	struct rng_regex *re;
	size_t		 i, k, ul, tl;
	char		*s, *err;

	for (i = 0; i < sizeof(h) / sizeof(h[0]); i++) {
		ul = strlen(h[i].unit);
		tl = strlen(h[i].tail);
		if ((s = malloc(ul * h[i].n + tl + 1)) == NULL)
			abort();
		for (k = 0; k < h[i].n; k++)
			memcpy(s + k * ul, h[i].unit, ul);
		memcpy(s + k * ul, h[i].tail, tl + 1);
		re = rng_regex_compile(h[i].re, &err);
		ok(re != NULL && rng_regex_match(re, s, ul * h[i].n + tl) ==
		    h[i].want, "hostile /%s/ on %s...", h[i].re, h[i].unit);
		rng_regex_free(re);
		free(err);
		free(s);
	}
}

/* One compiled expression, four threads: nothing shared is written
 * (run under ThreadSanitizer to see it). */
static const struct rng_regex *shared_re;

static void *
S_thread(void *arg)
{
	static const char *const in[] = { "abcabc12", "abc1", "ab12", "" };
	size_t	 i, k;
	long	 bad = 0;

	(void)arg;
	for (i = 0; i < 500; i++)
		for (k = 0; k < 4; k++)
			bad += rng_regex_match(shared_re, in[k],
			    strlen(in[k])) != (k < 2);
	return (void *)bad;
}

static void
test_threads(void)
{
	struct rng_regex *re;
	pthread_t	 t[4];
	void		*r;
	long		 bad = 0;
	char		*err;
	int		 i, n = 0;

	re = rng_regex_compile("([a-c]{3}){1,400}\\d{1,2}", &err);
	free(err);
	shared_re = re;
	for (i = 0; re != NULL && i < 4; i++)
		if (pthread_create(&t[i], NULL, S_thread, NULL) == 0)
			n++;
	for (i = 0; i < n; i++) {
		pthread_join(t[i], &r);
		bad += (long)r;
	}
	ok(re != NULL && n == 4 && bad == 0, "%s%s", "four threads match "
	    "with one expression", "");
	rng_regex_free(re);
}

/* Text against a datatype with one parameter (or none). */
static const struct {
	const char	*type, *param, *value, *text;
	int		 want;
} texts[] = {
	/* decimals and integers at any length, compared exactly */
	{ "integer", NULL, NULL, "999999999999999999999999999999999999", 1 },
	{ "integer", NULL, NULL, "-00000000000000000000000000000000001", 1 },
	{ "long", NULL, NULL, "9223372036854775808", 0 },
	{ "long", NULL, NULL, "-9223372036854775808", 1 },
	{ "unsignedLong", NULL, NULL, "+18446744073709551615", 1 },
	{ "unsignedByte", NULL, NULL, "-0", 1 },
	{ "decimal", NULL, NULL, "1.", 1 },
	{ "decimal", NULL, NULL, "1.2.", 0 },
	{ "decimal", "maxInclusive", "123456789012345678901234567890.5",
	    "123456789012345678901234567890.49", 1 },
	{ "decimal", "maxInclusive", "123456789012345678901234567890.5",
	    "123456789012345678901234567890.51", 0 },
	{ "integer", "minExclusive", "-99999999999999999999999999999",
	    "-99999999999999999999999999998", 1 },
	{ "decimal", "totalDigits", "30", "123456789012345678901234567890", 1 },
	{ "decimal", "totalDigits", "30", "1234567890123456789012345678901",
	    0 },
	{ "decimal", "fractionDigits", "2", "0.120", 1 },
	{ "decimal", "fractionDigits", "2", "0.125", 0 },
	/* years: no 0000; -0001 is 1 BCE, a leap year like 5 BCE */
	{ "date", NULL, NULL, "-0001-02-29", 1 },
	{ "date", NULL, NULL, "-0005-02-29", 1 },
	{ "date", NULL, NULL, "-0004-02-29", 0 },
	{ "date", NULL, NULL, "-0257-02-29", 1 },
	{ "date", NULL, NULL, "-0258-02-29", 0 },
	{ "date", NULL, NULL, "0000-01-01", 0 },
	{ "date", NULL, NULL, "1900-02-29", 0 },
	{ "date", NULL, NULL, "01234-01-01", 0 },
	{ "date", NULL, NULL, "999999999999999-12-31", 1 },
	{ "date", NULL, NULL, "1000000000000000-01-01", 0 },
	{ "dateTime", NULL, NULL, "-0001-02-29T12:00:00Z", 1 },
	{ "date", "minInclusive", "-0001-02-29", "-0001-03-01", 1 },
	{ "date", "minInclusive", "-0001-02-29", "-0001-02-28", 0 },
	{ "date", "minInclusive", "-0001-12-31", "0001-01-01", 1 },
	{ "date", "maxExclusive", "0001-01-01", "-0001-12-31", 1 },
	{ "gYear", NULL, NULL, "-0001", 1 },
	{ "gYear", NULL, NULL, "0000", 0 },
	/* patterns: on the text as the type's white space leaves it */
	{ "string", "pattern", "x{2147483648}", "x", 0 },
	{ "token", "pattern", "a b", "  a   b ", 1 },
	{ "string", "pattern", "a b", " a b", 0 },
	{ "int", "pattern", "[0-9]+", "+1", 0 },
};

/* Values: the schema's, and a text equal to it (or not). */
static const struct {
	const char	*type, *value, *text;
	int		 want;
} values[] = {
	{ "decimal", "1.50", "+001.5", 1 },
	{ "decimal", "0", "-0.000", 1 },
	{ "decimal", "0", "0.001", 0 },
	{ "integer", "123456789012345678901234567890",
	    "0123456789012345678901234567890", 1 },
	{ "integer", "123456789012345678901234567890",
	    "123456789012345678901234567891", 0 },
	{ "dateTime", "-0001-12-31T23:00:00-05:00", "0001-01-01T04:00:00Z",
	    1 },
	{ "date", "-0001-02-29", "-0001-02-29", 1 },
	{ "date", "-0001-02-29", "-0001-03-01", 0 },
};

/* Parameters refused: the message, and the type not kept. */
static const struct {
	const char	*lib, *type, *param, *value, *err;
} refused[] = {
	{ XSD_DT, "string", "pattern", "a??", "at character 3: a "
	    "quantifier cannot follow a quantifier" },
	{ XSD_DT, "string", "patern", "a", "\"patern\" is not a parameter" },
	{ "", "string", "pattern", "a", "string takes no parameters" },
	{ "", "token", "length", "1", "token takes no parameters" },
	{ XSD_DT, "int", "length", "3", "\"length\" is not a parameter" },
	{ XSD_DT, "boolean", "maxLength", "3", "is not a parameter" },
	{ XSD_DT, "byte", "maxInclusive", "128", "bad value \"128\"" },
	{ XSD_DT, "integer", "minInclusive", "1.5", "bad value" },
	{ XSD_DT, "decimal", "totalDigits", "0", "bad value" },
	{ XSD_DT, "date", "minInclusive", "0000-01-01", "bad value" },
	{ XSD_DT, "float", "minInclusive", "1e", "bad value" },
	{ XSD_DT, "string", "length", "x", "bad value" },
};

static void
test_texts(struct rng_schema *s)
{
	const char	*pn[1], *pv[1];
	char		*err, what[256];
	size_t		 i;
	int		 ti;

	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++) {
		pn[0] = texts[i].param;
		pv[0] = texts[i].value;
		ti = rng_type_get(s, XSD_DT, texts[i].type, pn, pv,
		    texts[i].param != NULL, &err);
		snprintf(what, sizeof(what), "xsd:%s%s%s%s%s", texts[i].type,
		    pn[0] ? " " : "", pn[0] ? pn[0] : "", pn[0] ? "=" : "",
		    pv[0] ? pv[0] : "");
		ok(ti >= 0 && rng_type_allows(s, (uint32_t)ti, texts[i].text,
		    NULL) == texts[i].want, texts[i].want ? "%s takes \"%s\"" :
		    "%s refuses \"%s\"", what, texts[i].text);
	}
}

static void
test_values(struct rng_schema *s)
{
	char		*err, what[256];
	size_t		 i;
	int		 ti, vi;

	for (i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		ti = rng_type_get(s, XSD_DT, values[i].type, NULL, NULL, 0,
		    &err);
		vi = ti < 0 ? -1 : rng_value_new(s, (uint32_t)ti,
		    values[i].value, &err);
		snprintf(what, sizeof(what), "xsd:%s \"%s\"", values[i].type,
		    values[i].value);
		ok(vi >= 0 && rng_value_matches(s, (uint32_t)vi,
		    values[i].text, NULL) == values[i].want, values[i].want ?
		    "%s equals \"%s\"" : "%s differs from \"%s\"", what,
		    values[i].text);
	}
}

/* A refused parameter leaves no half-made type behind: rng_types_free
 * frees what is left (under ASan or valgrind, all of it). */
static void
test_refused(struct rng_schema *s)
{
	const char	*pn[2], *pv[2];
	char		*err;
	size_t		 i, n;
	int		 ti;

	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		/* a good parameter first, to be freed with the bad */
		pn[0] = "pattern";
		pv[0] = ".*";
		pn[1] = refused[i].param;
		pv[1] = refused[i].value;
		n = s->ntypes;
		ti = rng_type_get(s, refused[i].lib, refused[i].type,
		    *refused[i].lib ? pn : pn + 1, *refused[i].lib ? pv :
		    pv + 1, *refused[i].lib ? 2 : 1, &err);
		ok(ti < 0 && s->ntypes == n && err != NULL &&
		    strstr(err, refused[i].err) != NULL, "%s refused: %s",
		    refused[i].param, err ? err : "(taken)");
	}
	pn[0] = pn[1] = "minInclusive";
	pv[0] = pv[1] = "1";
	ti = rng_type_get(s, XSD_DT, "int", pn, pv, 2, &err);
	ok(ti < 0 && err != NULL && strstr(err, "given twice") != NULL,
	    "%s%s", "a parameter given twice is refused", "");
}

static void
test_types(void)
{
	struct rng_schema s;

	memset(&s, 0, sizeof(s));
	test_texts(&s);
	test_values(&s);
	test_refused(&s);
	rng_types_free(&s);
}

int
main(void)
{
	xmlInitParser();
	test_bad();
	test_good();
	test_match();
	test_same();
	test_hostile();
	test_threads();
	test_types();
	xmlSchemaCleanupTypes();	/* libxml2's tables, for valgrind */
	xmlCleanupParser();
	printf("1..%d\n", n_tests);
	return n_failed != 0;
}
