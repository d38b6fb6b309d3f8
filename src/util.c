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
