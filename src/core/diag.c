/*
 * diag.c -- the diagnostic catalogue: every code's band and printable
 * name, and the one function every stage reports through.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

teikit_level
teikit_code_level(teikit_code code)
{
	if (code < TK_N__MAX)
		return TEIKIT_LEVEL_NOTE;
	if (code < TK_W__MAX)
		return TEIKIT_LEVEL_WARNING;
	if (code < TK_E__MAX)
		return TEIKIT_LEVEL_ERROR;
	if (code < TK_U__MAX)
		return TEIKIT_LEVEL_USAGE;
	return TEIKIT_LEVEL_SYSTEM;
}

const char *
teikit_code_name(teikit_code code)
{
	static const char band[] = "NWEUS";
	static _Thread_local char buf[16];
	int	 lvl = teikit_code_level(code);

	snprintf(buf, sizeof(buf), "TK-%c%03d", band[lvl],
	    (int)code - lvl * 100 + 1);
	return buf;
}

const char *
teikit_level_name(teikit_level level)
{
	static const char *const names[] = {
		"note", "warning", "error", "error", "error"
	};

	return names[level];
}

int
teikit_level_exit(teikit_level worst)
{
	return (int)worst;
}

const char *
teikit_version(void)
{
	return PACKAGE_VERSION;
}

void
tk_vdiag(struct tk_report *rep, unsigned line, unsigned col,
    teikit_code code, const char *fmt, va_list ap)
{
	teikit_diag	 d = { 0 };
	char		 msg[1024];
	teikit_level	 lvl = teikit_code_level(code);

	if (lvl > rep->worst)
		rep->worst = lvl;
	if (lvl >= TEIKIT_LEVEL_ERROR)
		rep->errors++;
	if (rep->fn == NULL)
		return;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	d.file = rep->file != NULL ? rep->file : "-";
	d.line = line;
	d.col = col;
	d.code = code;
	d.message = msg;
	rep->fn(&d, rep->arg);
}

void
tk_diag(struct tk_report *rep, unsigned line, unsigned col,
    teikit_code code, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	tk_vdiag(rep, line, col, code, fmt, ap);
	va_end(ap);
}
