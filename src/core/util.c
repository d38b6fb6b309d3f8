/*
 * util.c -- small helpers every stage uses: growable arrays and strings.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "internal.h"

void *
tk_vec_push(struct tk_vec *v)
{
	void	*p;

	if (v->n == v->cap) {
		size_t	 cap = v->cap ? v->cap * 2 : 16;

		if ((p = realloc(v->items, cap * v->size)) == NULL)
			return NULL;
		v->items = p;
		v->cap = cap;
	}
	p = (char *)v->items + v->n++ * v->size;
	memset(p, 0, v->size);
	return p;
}

void
tk_vec_free(struct tk_vec *v)
{
	free(v->items);
	v->items = NULL;
	v->n = v->cap = 0;
}

char *
tk_strndup(const char *s, size_t n)
{
	char	*p;

	if ((p = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
tk_is_space(int c)
{
	return c == ' ' || c == '\t';
}

/* Value of the roman numeral s[0..len) ("xiv", "XIV"), or -1. */
long
tk_roman_value(const char *s, size_t len)
{
	static const char digits[] = "ivxlcdm";
	static const long values[] = { 1, 5, 10, 50, 100, 500, 1000 };
	long		 total = 0, v, next;
	const char	*q;
	size_t		 i;

	if (len == 0)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] == '\0' ||
		    (q = strchr(digits, s[i] | 0x20)) == NULL)
			return -1;
		v = values[q - digits];
		next = 0;
		if (i + 1 < len && s[i + 1] != '\0' &&
		    (q = strchr(digits, s[i + 1] | 0x20)) != NULL)
			next = values[q - digits];
		total += v < next ? -v : v;
	}
	return total;
}
