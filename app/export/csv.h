/* RFC 4180 CSV writing: fields quoted when they hold a comma, a quote, a
 * line break or leading/trailing space; quotes doubled; CRLF line ends. */
#ifndef HEARTH_CSV_H
#define HEARTH_CSV_H

#include <stdbool.h>
#include <stdio.h>

typedef struct CsvWriter {
    FILE *out;
    int fields; /* fields written on the current row */
} CsvWriter;

void csv_init(CsvWriter *w, FILE *out);
void csv_field(CsvWriter *w, const char *text);
void csv_field_int(CsvWriter *w, long long v);
/* A number with the given decimals, always with a decimal point; an empty
 * field for NAN (a figure that is withheld or does not exist). */
void csv_field_num(CsvWriter *w, double v, int decimals);
void csv_end_row(CsvWriter *w);

/* True when a field needs quoting. */
bool csv_needs_quotes(const char *text);

#endif
