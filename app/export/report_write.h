/* The report's three exports. Each writes the model as it is (already
 * filtered and suppressed), states the threshold it used, and carries no
 * pass secret, short code or hash: the model holds none. */
#ifndef HEARTH_REPORT_WRITE_H
#define HEARTH_REPORT_WRITE_H

#include "core/uuid.h"
#include "export/report.h"

#include <stdio.h>

typedef enum ReportFormat { REPORT_CSV, REPORT_JSON, REPORT_PDF } ReportFormat;

/* The JSON exports: the trends (what `hearth merge` reads back) and a
 * per-person export. Version 2 follows the disclosure rule of report.h;
 * merge refuses version 1 files, whose figures could give answers away. */
#define REPORT_JSON_FORMAT "hearth-trends"
#define REPORT_JSON_PEOPLE "hearth-people"
#define REPORT_JSON_VERSION 2

/* "csv", "json", "pdf"; false when it is none of them. */
bool report_format_parse(const char *name, ReportFormat *out);
const char *report_format_name(ReportFormat f);

/* A tidy table, RFC 4180: one row per cell (session, instrument, phase
 * and, for rounds, the round; sessions without answers get one row with
 * those empty), with n, the middle answer, the quartiles, a suppressed
 * flag and the threshold on every row. A per-person report is instead:
 * pseudonym, group, week of treatment, instrument, phase, n, mean. The
 * last column of both is the instrument's validity statement. */
bool report_write_csv(const Report *r, FILE *out);

/* The same data with its metadata (format, version, export id, kiosk id,
 * period, threshold, generated at): everything `hearth merge` needs. A
 * per-person report writes its people and no date or time at all. Both
 * list the instruments with their validity statements. */
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

/* An export as staff make it, from the console or `hearth export`: the
 * file written as report_write_file does, then the export recorded in the
 * audit log (what was exported, never what it holds; how says where from,
 * such as "console"). export_id (may be NULL) receives the export's id.
 * False with a sentence in err; a file written whose audit row could not
 * be is removed again, so no export leaves unrecorded. */
bool report_export(Store *store, const Report *r, ReportFormat f, const char *path,
                   const char *how, int64_t wall_ms, char export_id[UUID_STR_LEN], char *err,
                   size_t errlen);

#endif
