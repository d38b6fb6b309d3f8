/*
 * dateline.c -- read a dateline: "Moscow, July 25, 1945—11:53 p.m.",
 * "Washington, October 27, 1956, Noon", "[Chungking,] March 5, 1943.",
 * "London, 2 September 1944.", "Washington, undated.", "[Hyde Park.]":
 * the place, the date as written, and the date in ISO 8601 for
 * date/@when (with the time when one is given).
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "internal.h"

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

static size_t
S_number(const char *s, size_t len, int *v, size_t maxdigits)
{
	size_t	 n = 0;

	*v = 0;
	while (n < len && n < maxdigits && s[n] >= '0' && s[n] <= '9')
		*v = *v * 10 + (s[n++] - '0');
	return n;
}

/* "11:53 p.m.", "5 p.m.", "11 p. m.", "Noon", "midnight"; 0 or length. */
static size_t
S_time(const char *s, size_t len, int *hour, int *min)
{
	size_t	 n, m;
	int	 pm;

	*min = 0;
	if (len >= 4 && (strncmp(s, "Noon", 4) == 0 ||
	    strncmp(s, "noon", 4) == 0)) {
		*hour = 12;
		return 4;
	}
	if (len >= 8 && strncasecmp(s, "midnight", 8) == 0) {
		*hour = 0;
		return 8;
	}
	if ((n = S_number(s, len, hour, 2)) == 0 || *hour < 1 || *hour > 12)
		return 0;
	if (n < len && s[n] == ':') {
		if ((m = S_number(s + n + 1, len - n - 1, min, 2)) != 2 ||
		    *min > 59)
			return 0;
		n += 3;
	}
	if (n < len && s[n] == ' ')
		n++;
	if (len - n >= 4 && (strncmp(s + n, "a.m.", 4) == 0 ||
	    strncmp(s + n, "p.m.", 4) == 0))
		m = 4;
	else if (len - n >= 5 && (strncmp(s + n, "a. m.", 5) == 0 ||
	    strncmp(s + n, "p. m.", 5) == 0))
		m = 5;
	else
		return 0;
	pm = s[n] == 'p';
	*hour = *hour % 12 + (pm ? 12 : 0);
	return n + m;
}

/* A place: capitalised words of letters, spaces and .'- up to the
 * first "," or "]" (at most 40 bytes); its length, or 0. */
static size_t
S_place(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || !(s[0] >= 'A' && s[0] <= 'Z'))
		return 0;
	for (i = 0; i < len && i < 40; i++)
		if (!(((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') ||
		    (unsigned char)s[i] >= 0x80 || strchr(" .'-", s[i]) != NULL))
			break;
	while (i > 0 && (s[i - 1] == ' ' || s[i - 1] == '.'))
		i--;
	return i;
}

/* "July 25, 1945" or "2 September 1944"; the length read, or 0. */
static size_t
S_date(const char *s, size_t len, int *year, int *month, int *day)
{
	size_t	 at = 0, n, m;

	*month = -1;
	for (m = 0; m < 12; m++) {
		n = strlen(months[m]);
		if (len > n && strncmp(s, months[m], n) == 0 && s[n] == ' ') {
			*month = (int)m + 1;
			at = n + 1;
			break;
		}
	}
	if (*month > 0) {	/* "July 25, 1945" */
		if ((n = S_number(s + at, len - at, day, 2)) == 0)
			return 0;
		at += n;
		if (len - at < 6 || s[at] != ',' || s[at + 1] != ' ' ||
		    S_number(s + at + 2, len - at - 2, year, 4) != 4)
			return 0;
		at += 6;
	} else {		/* "2 September 1944" */
		if ((n = S_number(s, len, day, 2)) == 0 || n == len ||
		    s[n] != ' ')
			return 0;
		at = n + 1;
		for (m = 0; m < 12; m++) {
			n = strlen(months[m]);
			if (len - at > n && strncmp(s + at, months[m], n) == 0 &&
			    s[at + n] == ' ')
				break;
		}
		if (m == 12)
			return 0;
		*month = (int)m + 1;
		at += n + 1;
		if (S_number(s + at, len - at, year, 4) != 4)
			return 0;
		at += 4;
	}
	if (*day < 1 || *day > 31 || *year < 1000 ||
	    (at < len && s[at] >= '0' && s[at] <= '9'))
		return 0;
	return at;
}

/*
 * The forms FRUS prints: "Moscow, July 25, 1945—11:53 p.m.",
 * "Washington, October 27, 1956, Noon", "[Chungking,] March 5, 1943."
 * (the place supplied by the editors), "London, 2 September 1944.",
 * "Washington, January 4, 1957, 10:15 a.m.–12:30 p.m." (a time span:
 * @when is its start), "Washington, undated.", and a place alone in
 * the editors' brackets, "[Washington.]".
 */
int
tk_dateline_parse(const char *s, size_t len, struct tk_dateline *d)
{
	size_t	 at, n, pl;
	int	 month = -1, day = 0, year = 0, hour = -1, min = 0, h2, m2;
	int	 bracket;

	memset(d, 0, sizeof(*d));
	bracket = len > 0 && s[0] == '[';
	at = d->place_off = bracket ? 1 : 0;
	if ((pl = S_place(s + at, len - at)) == 0)
		return -1;
	d->place_len = pl;
	at += pl;
	/* A place alone, supplied by the editors: "[Washington.]",
	 * "[Hyde Park]" (unbracketed, "Text." would be a place) */
	if (bracket && ((at == len - 1 && s[at] == ']') || (at == len - 2 &&
	    s[at] == '.' && s[at + 1] == ']'))) {
		d->date_off = at;
		return 0;
	}
	if (bracket) {
		if (len - at < 3 || strncmp(s + at, ",] ", 3) != 0)
			return -1;
		at += 3;
	} else {
		if (len - at < 2 || strncmp(s + at, ", ", 2) != 0)
			return -1;
		at += 2;
	}
	d->date_off = at;
	if (len - at >= 7 && strncmp(s + at, "undated", 7) == 0) {
		at += 7;
		goto end;
	}
	if ((n = S_date(s + at, len - at, &year, &month, &day)) == 0)
		return -1;
	at += n;
	/* "—11:53 p.m." or ", Noon" */
	if (len - at > 3 && strncmp(s + at, "\xE2\x80\x94", 3) == 0 &&
	    (n = S_time(s + at + 3, len - at - 3, &hour, &min)) > 0)
		at += 3 + n;
	else if (len - at > 2 && s[at] == ',' && s[at + 1] == ' ' &&
	    (n = S_time(s + at + 2, len - at - 2, &hour, &min)) > 0)
		at += 2 + n;
	/* "–12:30 p.m.": the end of a span, or "-" */
	if (hour >= 0 && len - at > 3 && strncmp(s + at, "\xE2\x80\x93", 3)
	    == 0 && (n = S_time(s + at + 3, len - at - 3, &h2, &m2)) > 0)
		at += 3 + n;
	d->year = year;
end:
	d->date_len = at - d->date_off;
	if (at < len && s[at] == '.' && !(at >= 1 && s[at - 1] == '.'))
		at++;
	if (at != len)
		return -1;
	if (year == 0)
		d->when[0] = '\0';
	else if (hour >= 0)
		snprintf(d->when, sizeof(d->when), "%04d-%02d-%02dT%02d:%02d:00",
		    year, month, day, hour, min);
	else
		snprintf(d->when, sizeof(d->when), "%04d-%02d-%02d", year,
		    month, day);
	return 0;
}

/* "September 11", "February 27, 1943": month, day and perhaps the
 * year; the length read, or 0. */
static size_t
S_monthday(const char *s, size_t len, int *month, int *day, int *year)
{
	size_t	 m, n, at = 0;

	*year = 0;
	for (m = 0; m < 12; m++) {
		n = strlen(months[m]);
		if (len > n && strncmp(s, months[m], n) == 0 && s[n] == ' ')
			break;
	}
	if (m == 12)
		return 0;
	*month = (int)m + 1;
	at = n + 1;
	if ((n = S_number(s + at, len - at, day, 2)) == 0 || *day < 1 ||
	    *day > 31)
		return 0;
	at += n;
	if (len - at >= 6 && s[at] == ',' && s[at + 1] == ' ' &&
	    S_number(s + at + 2, len - at - 2, year, 4) == 4 &&
	    (len - at == 6 || !(s[at + 6] >= '0' && s[at + 6] <= '9')))
		at += 6;
	return at;
}

/*
 * "[Received September 11.]", "[Received February 27—10:45 a.m.]",
 * "[Received July 26, 1945, 2 p.m.]", "[Received 9:40 p.m.]".  The
 * year, when not written, is the dateline's (`sent`), or the next one
 * when the month comes before the dateline's; a time alone gives no
 * @when, since the day is not written.
 */
int
tk_received_parse(const char *s, size_t len, const struct tk_dateline *sent,
    struct tk_received *r)
{
	static const char open[] = "[Received ";
	size_t	 at = sizeof(open) - 1, n, end;
	int	 month = 0, day = 0, year = 0, hour = -1, min = 0;
	int	 syear = 0, smonth = 0;

	memset(r, 0, sizeof(*r));
	if (len < at + 2 || strncmp(s, open, at) != 0 || s[len - 1] != ']')
		return -1;
	end = len - 1;
	r->date_off = at;
	if ((n = S_monthday(s + at, end - at, &month, &day, &year)) > 0) {
		at += n;
		if (end - at > 3 && strncmp(s + at, "\xE2\x80\x94", 3) == 0 &&
		    (n = S_time(s + at + 3, end - at - 3, &hour, &min)) > 0)
			at += 3 + n;
		else if (end - at > 2 && s[at] == ',' && s[at + 1] == ' ' &&
		    (n = S_time(s + at + 2, end - at - 2, &hour, &min)) > 0)
			at += 2 + n;
	} else if ((n = S_time(s + at, end - at, &hour, &min)) > 0)
		at += n;
	else
		return -1;
	/* "September 11." but "9 a.m." ends with its own full stop */
	if (at != end && !(at + 1 == end && s[at] == '.'))
		return -1;
	r->date_len = at - r->date_off;
	if (month == 0)
		return 0;
	r->year_given = year != 0;
	if (year == 0 && sent != NULL && sent->when[0] != '\0' &&
	    sscanf(sent->when, "%4d-%2d", &syear, &smonth) == 2)
		year = month < smonth ? syear + 1 : syear;
	if (year == 0)
		return 0;
	if (hour >= 0)
		snprintf(r->when, sizeof(r->when), "%04d-%02d-%02dT%02d:%02d:00",
		    year, month, day, hour, min);
	else
		snprintf(r->when, sizeof(r->when), "%04d-%02d-%02d", year,
		    month, day);
	return 0;
}
