/* The report as JSON: the tidy data with what a merge needs. Written by
 * hand (not through cJSON's tree) so five years stream out in one pass. */
#include "export/report_write.h"

#include "core/clock.h"
#include "core/i18n.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* The format a merge accepts (export/merge.c checks both). Version 2 is the
 * disclosure rule of report.h: cells per round, only n and the middle
 * answer and half; version 1 files are refused by merge. */

static void jstr(FILE *o, const char *s)
{
    fputc('"', o);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(o, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", o);
        else if (*p < 0x20)
            fprintf(o, "\\u%04x", *p);
        else
            fputc(*p, o);
    }
    fputc('"', o);
}

static void jnum(FILE *o, double v)
{
    if (isfinite(v))
        fprintf(o, "%.6g", v);
    else
        fputs("null", o);
}

static void jint(FILE *o, int v)
{
    if (v >= 0)
        fprintf(o, "%d", v);
    else
        fputs("null", o);
}

static void jstr_or_null(FILE *o, const char *s)
{
    if (s && *s)
        jstr(o, s);
    else
        fputs("null", o);
}

static void write_cell(FILE *o, const ReportCell *c)
{
    const StatsShown *v = &c->shown;
    fputs("{\"instrument\":", o);
    jstr(o, c->instrument);
    fputs(",\"phase\":", o);
    jstr(o, rating_phase_name(c->phase));
    fputs(",\"part\":", o);
    jstr_or_null(o, c->part);
    fputs(",\"exercise\":", o);
    jstr_or_null(o, c->exercise);
    fprintf(o, ",\"scale\":[%d,%d],\"n\":", c->lo, c->hi);
    jint(o, v->shown ? v->n : -1);
    fprintf(o, ",\"suppressed\":%s,\"median\":", v->shown ? "false" : "true");
    jint(o, v->has_median ? v->median : -1);
    fputs(",\"q1\":", o);
    jint(o, v->has_quartiles ? v->q1 : -1);
    fputs(",\"q3\":", o);
    jint(o, v->has_quartiles ? v->q3 : -1);
    fputs(",\"counts\":", o);
    if (!v->has_counts) {
        fputs("null", o);
    } else {
        fputc('[', o);
        for (int x = c->lo; x <= c->hi; x++)
            fprintf(o, x > c->lo ? ",%d" : "%d", v->counts[x]);
        fputc(']', o);
    }
    fputc('}', o);
}

static void write_run(FILE *o, const ReportRun *u)
{
    fputs("{\"id\":", o);
    jstr(o, u->id);
    fputs(",\"exercise\":", o);
    jstr(o, u->exercise);
    fputs(",\"instrument\":", o);
    jstr(o, u->instrument);
    fprintf(o, ",\"shown\":%s,\"change\":", u->shown ? "true" : "false");
    if (u->shown)
        fprintf(o, "%d", u->change);
    else
        fputs("null", o);
    fputc('}', o);
}

static void write_date_or_null(FILE *o, bool has, int64_t ms)
{
    if (!has) {
        fputs("null", o);
        return;
    }
    char d[16];
    clock_iso_date(ms, d);
    jstr(o, d);
}

/* What each instrument is, beside its figures: whether it is validated,
 * and the clinic's reference line and marked change under their own
 * names, so that no reader takes them for a cutoff or a reliable change. */
static void write_instruments(FILE *o, const Report *r)
{
    const Catalog *cat = r->opt.catalog;
    fputs(",\n\"instruments\":[", o);
    for (int i = 0; cat && i < catalog_instrument_count(cat); i++) {
        const Instrument *in = catalog_instrument_at(cat, i);
        fputs(i ? ",\n{\"instrument\":" : "\n{\"instrument\":", o);
        jstr(o, in->id);
        fputs(",\"validity\":", o);
        jstr(o, text_in(&in->validity, i18n_lang()));
        fputs(",\"source\":", o);
        jstr_or_null(o, in->source);
        fputs(",\"reference_line\":", o);
        jnum(o, in->has_reference_line ? in->reference_line : NAN);
        fputs(",\"marked_change\":", o);
        jnum(o, in->has_marked_change ? in->marked_change : NAN);
        fputs("}", o);
    }
    fputs("]", o);
}

/* A per-person export: pseudonymous people's weeks of treatment and what
 * the instruments are, nothing else: no calendar date or time anywhere
 * (not even when it was made), so it cannot be laid beside the sessions'
 * dates. */
static bool write_people(const Report *r, FILE *o, const char *export_id)
{
    fprintf(o, "{\n\"format\":\"%s\",\"version\":%d,\n\"export_id\":", REPORT_JSON_PEOPLE,
            REPORT_JSON_VERSION);
    jstr(o, export_id);
    fputs(",\"kiosk_id\":", o);
    jstr(o, r->kiosk_id);
    fprintf(o, ",\"demo\":%s", r->demo ? "true" : "false");
    write_instruments(o, r);
    fputs(",\n\"people\":[", o);
    for (int i = 0; i < r->npeople; i++) {
        const ReportPerson *p = &r->people[i];
        fputs(i ? ",\n{\"pseudonym\":" : "\n{\"pseudonym\":", o);
        jstr(o, p->pseudonym);
        fputs(",\"group\":", o);
        jstr(o, r->groups[p->group].name);
        fprintf(o, ",\"week_of_treatment\":%d,\"instrument\":", p->week);
        jstr(o, p->instrument);
        fputs(",\"phase\":", o);
        jstr(o, rating_phase_name(p->phase));
        fprintf(o, ",\"n\":%d,\"mean\":", p->n);
        jnum(o, p->mean);
        fputc('}', o);
    }
    fputs("]\n}\n", o);
    return !ferror(o);
}

bool report_write_json(const Report *r, FILE *o, const char *export_id, int64_t wall_ms)
{
    if (r->opt.per_person)
        return write_people(r, o, export_id);
    char now[32], note[2048];
    clock_iso8601(wall_ms, now);
    fprintf(o, "{\n\"format\":\"%s\",\"version\":%d,\n\"export_id\":", REPORT_JSON_FORMAT,
            REPORT_JSON_VERSION);
    jstr(o, export_id);
    fputs(",\"kiosk_id\":", o);
    jstr(o, r->kiosk_id);
    fputs(",\"generated_at\":", o);
    jstr(o, now);
    /* a program's report: pooled sessions, which no kiosk may merge back */
    if (r->program)
        fputs(",\"program\":true", o);
    fprintf(o, ",\"demo\":%s,\n\"period\":{\"since\":", r->demo ? "true" : "false");
    write_date_or_null(o, r->opt.has_since, r->opt.since_ms);
    fputs(",\"until\":", o);
    write_date_or_null(o, r->opt.has_until, r->opt.until_ms - REPORT_DAY_MS);
    fputs(",\"first_session\":", o);
    write_date_or_null(o, r->nsessions > 0, r->first_ms);
    fputs(",\"last_session\":", o);
    write_date_or_null(o, r->nsessions > 0, r->last_ms);
    fputs("},\n\"group\":", o);
    jstr_or_null(o, r->opt.group);
    report_note(r, note, sizeof note);
    fprintf(o, ",\"min_cell\":%d,\n\"anonymization\":", r->opt.min_cell);
    jstr(o, note);
    write_instruments(o, r);
    fputs(",\n\"groups\":[", o);
    for (int g = 0; g < r->ngroups; g++) {
        const ReportGroup *rg = &r->groups[g];
        fputs(g ? ",\n{\"name\":" : "\n{\"name\":", o);
        jstr(o, rg->name);
        fprintf(o,
                ",\"sessions\":%d,\"weeks\":%d,\"attendance_total\":%d,"
                "\"attendance_sessions\":%d,\"trend_instrument\":",
                rg->nsessions, rg->weeks, rg->attendance_total, rg->attendance_sessions);
        jstr(o, rg->trend_instrument);
        fputs(",\"exercises\":[", o);
        for (int e = 0; e < rg->nexercises; e++) {
            const ReportExercise *x = &rg->exercises[e];
            fputs(e ? ",{\"exercise\":" : "{\"exercise\":", o);
            jstr(o, x->exercise);
            fputs(",\"instrument\":", o);
            jstr(o, x->instrument);
            fprintf(o, ",\"runs\":%d,\"runs_withheld\":%d,\"median_change\":", x->runs,
                    x->runs_withheld);
            jnum(o, x->median_change);
            fputc('}', o);
        }
        fputs("]}", o);
    }
    fputs("],\n\"sessions\":[", o);
    for (int s = 0; s < r->nsessions; s++) {
        const ReportSession *rs = &r->sessions[s];
        char opened[32], date[16];
        clock_iso8601(rs->opened_ms, opened);
        clock_iso_date(rs->opened_ms, date);
        fputs(s ? ",\n{\"id\":" : "\n{\"id\":", o);
        jstr(o, rs->id);
        fputs(",\"kiosk_id\":", o);
        jstr(o, rs->kiosk);
        fputs(",\"group\":", o);
        jstr(o, r->groups[rs->group].name);
        fputs(",\"opened\":", o);
        jstr(o, opened);
        fputs(",\"date\":", o);
        jstr(o, date);
        fprintf(o, ",\"week\":%d,\"attendance\":", rs->week);
        jint(o, rs->attendance);
        fputs(",\"cells\":[", o);
        for (int i = 0; i < rs->ncells; i++) {
            if (i)
                fputc(',', o);
            write_cell(o, &r->cells[rs->cell0 + i]);
        }
        fputs("],\"runs\":[", o);
        for (int i = 0; i < rs->nruns; i++) {
            if (i)
                fputc(',', o);
            write_run(o, &r->runs[rs->run0 + i]);
        }
        fputs("]}", o);
    }
    fputs("]\n}\n", o);
    return !ferror(o);
}
