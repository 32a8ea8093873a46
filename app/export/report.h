/* The report model: everything trends and exports show, computed once from
 * the store's rows, with the period filter and the disclosure rule already
 * applied. The console's trends screen, the CSV, JSON and PDF writers and
 * the tests all read this one model, and the model holds only what may be
 * shown: the counts it was computed from never leave report.c, so no
 * writer or screen can show a figure the rule withholds.
 *
 * The rule (core/stats.h says why it holds):
 *  - A cell is one session's answers to one instrument in one phase, and
 *    for rounds before and after an exercise, or a facilitator's round, one
 *    round's. Cells never share an answer.
 *  - A cell of fewer than K answers shows nothing, n included. From K it
 *    shows n and the middle answer; from 7 answers the middle half too.
 *  - A session's attendance is shown when K or more came; a group's
 *    attendance over a period adds up only the sessions shown.
 *  - An exercise run shows its change when both its rounds show a middle
 *    answer; an exercise's ranking rests only on those runs.
 *  - K = 1 turns suppression off (a clinic's own use; audited) and shows
 *    each cell's counts as well.
 * Every figure is computed from the same cell's shown figures in every
 * export, whatever the period or the group, so comparing exports gives
 * nothing away. Imported figures: what the other kiosk withheld stays
 * withheld here, and what it showed passes this kiosk's K again. */
#ifndef HEARTH_REPORT_H
#define HEARTH_REPORT_H

#include "core/catalog.h"
#include "core/stats.h"
#include "store/store_rating.h"
#include "store/store_report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_DAY_MS (24LL * 3600 * 1000)
#define REPORT_WEEK_MS (7 * REPORT_DAY_MS)
#define REPORT_SCALE_MAX 10 /* values 0..10, as data/README.md allows */

typedef struct ReportOptions {
    const char *group;   /* one group's name, or NULL for all */
    bool has_since, has_until;
    int64_t since_ms;    /* the first instant included */
    int64_t until_ms;    /* the first instant no longer included */
    int min_cell;        /* K: 1 = no suppression, else 3 or more */
    bool per_person;     /* a per-person report: pseudonymous people's weeks only */
    const Catalog *catalog; /* scales, cutoffs, higher_is_better; may be NULL */
} ReportOptions;

/* One cell: what may be shown of one set of answers. */
typedef struct ReportCell {
    int session; /* index into Report.sessions */
    char instrument[CATALOG_ID_MAX + 1];
    RatingPhase phase;
    char part[40];        /* "" at the door; the run's id (pre, post); the round's id */
    char exercise[CATALOG_ID_MAX + 1]; /* pre and post: the run's exercise */
    int lo, hi;           /* the scale */
    StatsShown shown;     /* n, middle answer, middle half, as stats_disclose allows */
} ReportCell;

/* One exercise run with a round before and after it. */
typedef struct ReportRun {
    int session;
    char id[40];
    char exercise[CATALOG_ID_MAX + 1];
    char instrument[CATALOG_ID_MAX + 1];
    int pre, post;       /* its cells in Report.cells */
    bool shown;          /* both rounds show a middle answer */
    int change;          /* post - pre middle answers, when shown */
} ReportRun;

typedef struct ReportSession {
    char id[40];
    char kiosk[40];
    int group;            /* index into Report.groups */
    int64_t opened_ms;
    int week;             /* 1 + whole weeks since the group's first session ever */
    int attendance;       /* -1 when unknown or withheld (fewer than K) */
    bool imported;
    int cell0, ncells;    /* its cells in Report.cells */
    int run0, nruns;      /* its runs in Report.runs */
} ReportSession;

/* An exercise of one group, ranked by its median change. */
typedef struct ReportExercise {
    char exercise[CATALOG_ID_MAX + 1];
    char instrument[CATALOG_ID_MAX + 1];
    int runs;            /* runs the median rests on (both rounds shown) */
    int runs_withheld;   /* runs left out (a round withheld) */
    double median_change;/* post - pre; NAN when no run may be shown */
    double improvement;  /* the change in the better direction (for ranking) */
} ReportExercise;

typedef struct ReportGroup {
    char name[GROUP_NAME_SIZE];
    int session0, nsessions;     /* its sessions in Report.sessions, by time */
    int attendance_total;        /* over the sessions whose attendance is shown */
    int attendance_sessions;     /* how many sessions that is */
    int first_week;              /* the week of its first session in the period */
    int weeks;                   /* weeks from that one to its last, inclusive */
    ReportExercise *exercises;   /* best first */
    int nexercises;
    char trend_instrument[CATALOG_ID_MAX + 1]; /* what the chart shows ("mood") */
} ReportGroup;

/* A pseudonymous person's answers in one week of their treatment (counted
 * from their first session in the group). No calendar date. */
typedef struct ReportPerson {
    char pseudonym[16];
    int group;
    int week;
    char instrument[CATALOG_ID_MAX + 1];
    RatingPhase phase;
    int n;
    double mean;
} ReportPerson;

typedef struct Report {
    ReportOptions opt;
    char kiosk_id[40];     /* the kiosk's id; a program's report: the program's */
    bool program;          /* a program's report (export/report_program.h) */
    bool demo;             /* the database holds demo data */
    ReportGroup *groups;
    int ngroups;
    ReportSession *sessions;
    int nsessions;
    ReportCell *cells;
    int ncells;
    ReportRun *runs;
    int nruns;
    ReportPerson *people;  /* only in a per-person report, which holds nothing else */
    int npeople;
    int cells_suppressed;  /* how many cells were withheld */
    int64_t first_ms, last_ms; /* the sessions' span; 0 when none */
} Report;

/* Parses "YYYY-MM-DD" into the options' since (the day's start) or until
 * (the end of that day, inclusive); false when it is no date. */
bool report_parse_since(ReportOptions *opt, const char *date);
bool report_parse_until(ReportOptions *opt, const char *date);

/* Builds the model from the database. Returns STORE_OK, or an error with
 * store_error() set (a report is all or nothing). */
StoreResult report_build(Store *store, const ReportOptions *opt, Report *out);

/* The same from rows already in memory, for tests: the sink callbacks of
 * report_sink() fed by hand, then report_finish(). */
typedef struct ReportBuilder ReportBuilder;
ReportBuilder *report_builder_new(const ReportOptions *opt);
ReportSink report_builder_sink(ReportBuilder *b);
/* Computes the model; frees the builder. false when out of memory. */
bool report_builder_finish(ReportBuilder *b, Report *out);

void report_free(Report *r);

/* The cell of a session for an instrument at the door (arrival or
 * check-out), or NULL. */
const ReportCell *report_cell(const Report *r, int session, const char *instrument,
                              RatingPhase phase);

/* The instrument's scale, validity statement and, when its file declares
 * them, its reference line and marked change; NULL when the report has
 * no catalog or the catalog lacks it. */
const Instrument *report_instrument(const Report *r, const char *id);

/* True when a session's change of the group's median from arrival to
 * check-out on the trend instrument reaches the instrument's marked change
 * (a size the clinic chose, not a reliable change), in the better
 * direction (both medians shown). */
bool report_session_marked_change(const Report *r, int session);

/* What a chart writes beside an instrument's reference line, in the
 * language of the messages: the file's own label or "clinic's line",
 * with the value ("... 2"). */
void report_reference_label(const Instrument *in, char *out, size_t n);

/* A plain summary of a group for people: the first and last weeks'
 * median arrival (and check-out), written in lang into out. */
void report_group_summary(const Report *r, int group, char *out, size_t n);

/* Which weeks a chart labels along its axis, for the screen and the PDF
 * alike: every week, else every 2nd, 4th, 13th, 26th... so that weeks
 * labels of label_w fit in axis_w. */
int report_week_label_step(int weeks, double label_w, double axis_w);

/* True when the chart labels the group's session i under that step: the
 * first session of each labelled week. last_week carries the week of the
 * previous label between calls (0 before the first). */
bool report_week_labelled(const Report *r, const ReportGroup *g, int i, int step,
                          int *last_week);

/* The note on how the numbers were anonymized, in the current language,
 * into out. */
void report_anonymization_note(int min_cell, char *out, size_t n);

/* The same for a report: a program's report adds how its sessions were
 * pooled. */
void report_note(const Report *r, char *out, size_t n);

#endif
