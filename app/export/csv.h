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
/* A text field. Text that a spreadsheet would take for a formula (it starts
 * with =, +, -, @, a tab or a carriage return) gets an apostrophe in front
 * (OWASP's advice against CSV injection). */
void csv_field(CsvWriter *w, const char *text);
void csv_field_int(CsvWriter *w, long long v);
/* A number with the given decimals, always with a decimal point; an empty
 * field for NAN (a figure that is withheld or does not exist). */
void csv_field_num(CsvWriter *w, double v, int decimals);
void csv_end_row(CsvWriter *w);

/* True when a field needs quoting. */
bool csv_needs_quotes(const char *text);
/* True when a spreadsheet would read the text as a formula. */
bool csv_is_formula(const char *text);

#endif
