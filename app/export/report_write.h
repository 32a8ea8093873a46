/* The report's three exports. Each writes the model as it is (already
 * filtered and suppressed), states the threshold it used, and carries no
 * pass secret, short code or hash: the model holds none. */
#ifndef HEARTH_REPORT_WRITE_H
#define HEARTH_REPORT_WRITE_H

#include "export/report.h"

#include <stdio.h>

typedef enum ReportFormat { REPORT_CSV, REPORT_JSON, REPORT_PDF } ReportFormat;

/* "csv", "json", "pdf"; false when it is none of them. */
bool report_format_parse(const char *name, ReportFormat *out);
const char *report_format_name(ReportFormat f);

/* A tidy table, RFC 4180: one row per session, instrument and phase
 * (sessions without answers get one row with both empty), with n, mean,
 * sd, median, quartiles, a suppressed flag and the threshold on every row.
 * With per-person trends, the table is those instead: pseudonym, group,
 * week of treatment, instrument, phase, n, mean. */
bool report_write_csv(const Report *r, FILE *out);

/* The same data with its metadata (format, version, export id, kiosk id,
 * period, threshold, generated at) and, per cell, the quartiles and the
 * count at each scale point: everything `hearth merge` needs. */
bool report_write_json(const Report *r, FILE *out, const char *export_id, int64_t wall_ms);

/* A report for a supervision meeting: per group, the trend chart, the
 * attendance, the exercise ranking, the note on anonymization, then a
 * table of sessions. False when the stream could not take it all. */
bool report_write_pdf(const Report *r, FILE *out, int64_t wall_ms);

/* Writes the format to path through store_output (store/store_output.h): never
 * over the database db_path or one of its files, never into anything but
 * a regular file, a temporary file renamed into place so a failure never
 * leaves half a report. False with a sentence in err. */
bool report_write_file(const Report *r, ReportFormat f, const char *path, const char *db_path,
                       const char *export_id, int64_t wall_ms, char *err, size_t errlen);

#endif
