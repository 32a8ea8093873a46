/* The report as CSV, and writing any format to a file. */
#include "export/csv.h"
#include "export/report_write.h"

#include "core/clock.h"
#include "core/i18n.h"
#include "store/store_output.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

bool report_format_parse(const char *name, ReportFormat *out)
{
    static const char *const names[] = {"csv", "json", "pdf"};
    for (int i = 0; i < 3; i++) {
        if (!strcmp(name, names[i])) {
            *out = (ReportFormat)i;
            return true;
        }
    }
    return false;
}

const char *report_format_name(ReportFormat f)
{
    return f == REPORT_JSON ? "json" : f == REPORT_PDF ? "pdf" : "csv";
}

/* What an instrument is, in the report's language: its file's validity
 * statement ("Not a validated measure: ..."), so that a table read
 * without the PDF or the JSON still says it; empty when the row has no
 * instrument or the catalog does not know it. */
static const char *validity_of(const Report *r, const char *instrument)
{
    const Instrument *in = instrument && instrument[0] ? report_instrument(r, instrument) : NULL;
    return in ? text_in(&in->validity, i18n_lang()) : "";
}

/* The columns of both tables stay in their order for scripts that read
 * them by position: new ones go at the end (validity is the last). */
static void write_people(const Report *r, CsvWriter *w)
{
    static const char *const head[] = {"pseudonym", "group", "week_of_treatment", "instrument",
                                       "phase", "n", "mean", "min_cell", "validity"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_field(w, head[i]);
    csv_end_row(w);
    for (int i = 0; i < r->npeople; i++) {
        const ReportPerson *p = &r->people[i];
        csv_field(w, p->pseudonym);
        csv_field(w, r->groups[p->group].name);
        csv_field_int(w, p->week);
        csv_field(w, p->instrument);
        csv_field(w, rating_phase_name(p->phase));
        csv_field_int(w, p->n);
        csv_field_num(w, p->mean, 3);
        csv_field_int(w, r->opt.min_cell);
        csv_field(w, validity_of(r, p->instrument));
        csv_end_row(w);
    }
}

static void field_shown(CsvWriter *w, bool shown, int v)
{
    if (shown)
        csv_field_int(w, v);
    else
        csv_field(w, "");
}

bool report_write_csv(const Report *r, FILE *out)
{
    CsvWriter w;
    csv_init(&w, out);
    if (r->opt.per_person) {
        write_people(r, &w);
        return !ferror(out);
    }
    static const char *const head[] = {
        "kiosk_id", "session_id", "group", "date", "opened", "week", "attendance",
        "instrument", "phase", "exercise", "part", "n", "median", "q1", "q3", "counts",
        "suppressed", "min_cell", "source", "validity"};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++)
        csv_field(&w, head[i]);
    csv_end_row(&w);
    for (int s = 0; s < r->nsessions; s++) {
        const ReportSession *rs = &r->sessions[s];
        char date[16], opened[32];
        clock_iso_date(rs->opened_ms, date);
        clock_iso8601(rs->opened_ms, opened);
        int rows = rs->ncells ? rs->ncells : 1;
        for (int i = 0; i < rows; i++) {
            const ReportCell *c = rs->ncells ? &r->cells[rs->cell0 + i] : NULL;
            const StatsShown *v = c ? &c->shown : NULL;
            csv_field(&w, rs->kiosk);
            csv_field(&w, rs->id);
            csv_field(&w, r->groups[rs->group].name);
            csv_field(&w, date);
            csv_field(&w, opened);
            csv_field_int(&w, rs->week);
            field_shown(&w, rs->attendance >= 0, rs->attendance);
            csv_field(&w, c ? c->instrument : "");
            csv_field(&w, c ? rating_phase_name(c->phase) : "");
            csv_field(&w, c ? c->exercise : "");
            csv_field(&w, c ? c->part : "");
            field_shown(&w, v && v->shown, v ? v->n : 0);
            field_shown(&w, v && v->has_median, v ? v->median : 0);
            field_shown(&w, v && v->has_quartiles, v ? v->q1 : 0);
            field_shown(&w, v && v->has_quartiles, v ? v->q3 : 0);
            char counts[11 * 6] = "";
            if (v && v->has_counts) {
                size_t used = 0;
                for (int x = c->lo; x <= c->hi && used < sizeof counts; x++)
                    used += (size_t)snprintf(counts + used, sizeof counts - used,
                                             x > c->lo ? ";%d" : "%d", v->counts[x]);
            }
            csv_field(&w, counts);
            csv_field(&w, v && !v->shown ? "1" : "0");
            csv_field_int(&w, r->opt.min_cell);
            csv_field(&w, r->program ? "program" : rs->imported ? "imported" : "local");
            csv_field(&w, validity_of(r, c ? c->instrument : NULL));
            csv_end_row(&w);
        }
    }
    return !ferror(out);
}

bool report_write_file(const Report *r, ReportFormat f, const char *path, const char *db_path,
                       const char *export_id, int64_t wall_ms, char *err, size_t errlen)
{
    StoreOutput *file;
    if (store_output_begin(path, db_path, &file, err, errlen) != STORE_OK)
        return false;
    FILE *out = store_output_stream(file);
    bool ok = out && (f == REPORT_CSV    ? report_write_csv(r, out)
                      : f == REPORT_JSON ? report_write_json(r, out, export_id, wall_ms)
                                         : report_write_pdf(r, out, wall_ms));
    if (!ok) {
        /* the stream's own error, if any, makes the better sentence */
        if (store_output_sync(file, err, errlen) == STORE_OK)
            snprintf(err, errlen, _("Cannot write %s: %s."), path,
                     out ? _("the report could not be drawn") : strerror(ENOMEM));
        store_output_abort(file);
        return false;
    }
    return store_output_commit(file, err, errlen) == STORE_OK;
}
