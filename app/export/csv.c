#include "export/csv.h"

#include <math.h>
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

void csv_field(CsvWriter *w, const char *text)
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

void csv_field_int(CsvWriter *w, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    csv_field(w, buf);
}

void csv_field_num(CsvWriter *w, double v, int decimals)
{
    if (!isfinite(v)) {
        csv_field(w, "");
        return;
    }
    char buf[64];
    snprintf(buf, sizeof buf, "%.*f", decimals, v);
    csv_field(w, buf);
}

void csv_end_row(CsvWriter *w)
{
    fputs("\r\n", w->out);
    w->fields = 0;
}
