#include "export/csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void csv_init(CsvWriter *w, FILE *out)
{
    w->out = out;
    w->fields = 0;
}

bool csv_needs_quotes(const char *t)
{
    if (!*t)
        return false;
    if (t[0] == ' ' || t[strlen(t) - 1] == ' ')
        return true;
    return strpbrk(t, ",\"\r\n") != NULL;
}

/* One field as it is, quoted when it must be. */
static void put_field(CsvWriter *w, const char *text)
{
    if (w->fields++)
        fputc(',', w->out);
    if (!text)
        return;
    if (!csv_needs_quotes(text)) {
        fputs(text, w->out);
        return;
    }
    fputc('"', w->out);
    for (const char *p = text; *p; p++) {
        if (*p == '"')
            fputc('"', w->out);
        fputc(*p, w->out);
    }
    fputc('"', w->out);
}

bool csv_is_formula(const char *t)
{
    return t && strchr("=+-@\t\r", t[0]) && t[0] != '\0';
}

void csv_field(CsvWriter *w, const char *text)
{
    if (!csv_is_formula(text)) {
        put_field(w, text);
        return;
    }
    /* A spreadsheet would run "=HYPERLINK(...)" typed as a group name: an
     * apostrophe in front makes it text there and is plain to a reader. */
    size_t n = strlen(text);
    char stack[256];
    char *buf = n + 2 <= sizeof stack ? stack : malloc(n + 2);
    if (!buf) {
        put_field(w, "'");
        return;
    }
    buf[0] = '\'';
    memcpy(buf + 1, text, n + 1);
    put_field(w, buf);
    if (buf != stack)
        free(buf);
}

void csv_field_int(CsvWriter *w, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    put_field(w, buf);
}

void csv_field_num(CsvWriter *w, double v, int decimals)
{
    if (!isfinite(v)) {
        put_field(w, "");
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    put_field(w, buf);
}

void csv_end_row(CsvWriter *w)
{
    fputs("\r\n", w->out);
    w->fields = 0;
}
