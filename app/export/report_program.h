/* The program's report: the same model as a kiosk's report (report.h),
 * built from every kiosk's published sessions on the program's server
 * (app/program), so the same writers print the same CSV, JSON and PDF.
 *
 * The server pools each group's sessions of one day at one site and
 * applies the disclosure rule after pooling (core/stats.h,
 * stats_pool_shown); the rows it hands out are already what may be
 * shown. They come into the report as another kiosk's figures do after a
 * merge, so report.c applies the report's K to them once more. Sessions
 * are the pooled ones: a session merged by USB into one kiosk and
 * published by another is one session on the server, counted once. */
#ifndef HEARTH_REPORT_PROGRAM_H
#define HEARTH_REPORT_PROGRAM_H

#include "export/report.h"
#include "program/program.h"

/* Builds the report from the server at url (read as hearth_reader).
 * opt->group and site choose one group or one site (NULL: all); the
 * period and the catalog as for a kiosk. The report's K is opt->min_cell
 * or the server's K, whichever is higher (out->opt.min_cell says which).
 * Returns PROGRAM_OK, or a failure with a sentence in err. */
ProgramResult report_build_program(const char *url, const ReportOptions *opt, const char *site,
                                   Report *out, char *err, size_t errlen);

#endif
