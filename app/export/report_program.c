#include "export/report_program.h"

#include "core/clock.h"
#include "core/i18n.h"

#include <stdio.h>
#include <string.h>

typedef struct Feed {
    ReportOptions opt;   /* the builder's: K settled once the server says its own */
    ReportBuilder *b;
    ReportSink sink;
    ProgramInfo info;
    bool demo;
} Feed;

static bool on_begin(void *ctx, const ProgramInfo *info)
{
    Feed *f = ctx;
    f->info = *info;
    /* the rows are shown at the server's K or higher: the report states
     * that K, and report.c holds every figure to it once more */
    if (info->min_cell > f->opt.min_cell)
        f->opt.min_cell = info->min_cell;
    f->b = report_builder_new(&f->opt);
    if (!f->b)
        return false;
    f->sink = report_builder_sink(f->b);
    return true;
}

static bool on_session(void *ctx, const ProgramSessionRow *row)
{
    Feed *f = ctx;
    ReportSessionRow r = {0};
    snprintf(r.id, sizeof r.id, "%s", row->id);
    /* a pooled session belongs to the program, not to one kiosk */
    snprintf(r.kiosk, sizeof r.kiosk, "%s", f->info.program_id);
    /* a group at one site is a group of its own */
    if (row->site[0])
        snprintf(r.group, sizeof r.group, "%s (%s)", row->group, row->site);
    else
        snprintf(r.group, sizeof r.group, "%s", row->group);
    if (!clock_parse_iso(row->date, &r.opened_ms))
        return true; /* not a date: nothing a report can place */
    r.attendance = row->attendance;
    r.imported = true;
    f->demo |= row->demo;
    return f->sink.session(f->sink.ctx, &r);
}

static bool on_cell(void *ctx, const ProgramCellRow *row)
{
    Feed *f = ctx;
    const Instrument *in = f->opt.catalog ? catalog_instrument(f->opt.catalog, row->instrument)
                                          : NULL;
    int lo = in ? in->min : 0, hi = in ? in->max : REPORT_SCALE_MAX;
    /* a figure off the instrument's scale widens it, as a kiosk's do */
    const int figures[] = {row->median, row->q1, row->q3};
    for (int i = 0; i < 3; i++) {
        if (figures[i] >= 0 && figures[i] < lo)
            lo = figures[i];
        if (figures[i] > hi)
            hi = figures[i];
    }
    ReportImportedCell c = {row->session_id, row->instrument, row->phase, row->part,
                            row->exercise, lo, hi, row->n, row->median, row->q1, row->q3, NULL};
    return f->sink.imported_cell(f->sink.ctx, &c);
}

ProgramResult report_build_program(const char *url, const ReportOptions *opt, const char *site,
                                   Report *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    ProgramResult res;
    ProgramConn *pc = program_connect(url, &res, err, errlen);
    if (!pc)
        return res;
    Feed f = {0};
    f.opt = *opt;
    /* the group is chosen on the server, by its name alone: in the report
     * its name carries its site */
    f.opt.group = NULL;
    ProgramSink sink = {&f, on_begin, on_session, on_cell};
    ProgramQuery q = {opt->group, site, opt->min_cell};
    res = program_read(pc, &q, &sink, err, errlen);
    program_close(pc);
    Report r;
    bool built = f.b && report_builder_finish(f.b, &r);
    if (res != PROGRAM_OK) {
        if (built)
            report_free(&r);
        return res;
    }
    if (!built) {
        snprintf(err, errlen, "%s", _("Out of memory while reading the program's report."));
        return PROGRAM_ERROR;
    }
    *out = r;
    out->opt.group = opt->group;
    out->program = true;
    snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", f.info.program_id);
    out->demo = f.demo;
    return PROGRAM_OK;
}
