/* Checking and importing another kiosk's export. */
#include "export/merge.h"

#include "core/catalog.h"
#include "core/clock.h"
#include "core/file.h"
#include "core/i18n.h"
#include "core/utf8.h"
#include "core/uuid.h"
#include "core/stats.h"
#include "export/report_write.h"
#include "store/store_rating.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MERGE_MAX_SESSIONS 200000
#define MERGE_MAX_CELLS 256 /* per session: every round of every exercise */
#define MERGE_MAX_N 1000000

typedef struct CellText {
    char instrument[CATALOG_ID_MAX + 1];
    char phase[12];
    char part[40];
    char exercise[CATALOG_ID_MAX + 1];
    int counts[11];
} CellText;

typedef struct Storage {
    ReportImportedCell *cells;
    CellText *ctext;
} Storage;

typedef struct Parse {
    const char *label;
    char *err;
    size_t errlen;
    char where[96];
} Parse;

static bool fail(Parse *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool fail(Parse *p, const char *fmt, ...)
{
    char what[300];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, fmt, ap);
    va_end(ap);
    snprintf(p->err, p->errlen, "%s: %s", p->label, what);
    return false;
}

/* "sessions[3].cells[1].median", for messages */
static const char *at(Parse *p, const char *field)
{
    static char buf[160];
    snprintf(buf, sizeof buf, "%s%s%s", p->where, p->where[0] ? "." : "", field);
    return buf;
}

static bool get_uuid(Parse *p, const cJSON *obj, const char *field, char out[40])
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsString(v) || strlen(v->valuestring) != 36 || !uuid_is_valid(v->valuestring))
        return fail(p, _("%s is missing or is not a UUID"), at(p, field));
    snprintf(out, 40, "%s", v->valuestring);
    return true;
}

static bool get_id(Parse *p, const cJSON *obj, const char *field, char *out, size_t n)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    bool ok = cJSON_IsString(v) && v->valuestring[0] && strlen(v->valuestring) <= CATALOG_ID_MAX;
    for (const char *c = ok ? v->valuestring : ""; ok && *c; c++)
        ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '-';
    if (!ok)
        return fail(p, _("%s is missing or is not an id (a-z, 0-9 and -, at most %d)"),
                    at(p, field), CATALOG_ID_MAX);
    snprintf(out, n, "%s", v->valuestring);
    return true;
}

static bool get_bool(Parse *p, const cJSON *obj, const char *field, bool *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsBool(v))
        return fail(p, _("%s is missing or is not true or false"), at(p, field));
    *out = cJSON_IsTrue(v);
    return true;
}

/* A whole number in [lo, hi], or null when nullable (then *out = -1). */
static bool get_int(Parse *p, const cJSON *obj, const char *field, int lo, int hi,
                    bool nullable, int *out)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (nullable && cJSON_IsNull(v)) {
        *out = -1;
        return true;
    }
    if (!cJSON_IsNumber(v) || !isfinite(v->valuedouble) || v->valuedouble != floor(v->valuedouble) ||
        v->valuedouble < lo || v->valuedouble > hi)
        return fail(p, _("%s is missing or is not a whole number from %d to %d%s"), at(p, field),
                    lo, hi, nullable ? _(" (or null)") : "");
    *out = (int)v->valuedouble;
    return true;
}

static const cJSON *get_array(Parse *p, const cJSON *obj, const char *field, int max)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    if (!cJSON_IsArray(v)) {
        fail(p, _("%s is missing or is not a list"), at(p, field));
        return NULL;
    }
    if (cJSON_GetArraySize(v) > max) {
        fail(p, _("%s has more than %d entries"), at(p, field), max);
        return NULL;
    }
    return v;
}

/* A UUID, or null (then ""). */
static bool get_uuid_or_null(Parse *p, const cJSON *obj, const char *field, char out[40])
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, field);
    out[0] = '\0';
    return !v || cJSON_IsNull(v) || get_uuid(p, obj, field, out);
}

/* One cell as report_json.c writes it: what the disclosure rule shows and
 * nothing more. A file that shows more (a mean, counts beside a threshold
 * above 1, a withheld cell with figures) was not made by Hearth's rule and
 * is refused, rather than kept and shown again here. */
static bool parse_cell(Parse *p, const cJSON *o, int min_cell, ReportImportedCell *c,
                       CellText *t)
{
    if (!cJSON_IsObject(o))
        return fail(p, _("%s is not an object"), p->where);
    if (!get_id(p, o, "instrument", t->instrument, sizeof t->instrument))
        return false;
    const cJSON *ph = cJSON_GetObjectItemCaseSensitive(o, "phase");
    RatingPhase phase;
    if (!cJSON_IsString(ph) || !rating_phase_parse(ph->valuestring, &phase))
        return fail(p, _("%s is missing or is not arrival, pre, post, checkout or round"),
                    at(p, "phase"));
    snprintf(t->phase, sizeof t->phase, "%s", ph->valuestring);
    if (!get_uuid_or_null(p, o, "part", t->part))
        return false;
    const cJSON *ex = cJSON_GetObjectItemCaseSensitive(o, "exercise");
    t->exercise[0] = '\0';
    if (ex && !cJSON_IsNull(ex) && !get_id(p, o, "exercise", t->exercise, sizeof t->exercise))
        return false;
    bool door = phase == PHASE_ARRIVAL || phase == PHASE_CHECKOUT;
    if (door != !t->part[0])
        return fail(p, _("%s: a round's cell names its part, a door's does not"), p->where);
    const cJSON *scale = cJSON_GetObjectItemCaseSensitive(o, "scale");
    const cJSON *lo = cJSON_GetArrayItem(scale, 0), *hi = cJSON_GetArrayItem(scale, 1);
    if (!cJSON_IsArray(scale) || cJSON_GetArraySize(scale) != 2 || !cJSON_IsNumber(lo) ||
        !cJSON_IsNumber(hi) || lo->valuedouble != floor(lo->valuedouble) ||
        hi->valuedouble != floor(hi->valuedouble) || lo->valuedouble < 0 ||
        hi->valuedouble > 10 || lo->valuedouble >= hi->valuedouble)
        return fail(p, _("%s is missing or is not [lowest, highest] with 0 <= lowest < "
                         "highest <= 10"),
                    at(p, "scale"));
    c->lo = (int)lo->valuedouble;
    c->hi = (int)hi->valuedouble;
    bool suppressed = true;
    if (!get_bool(p, o, "suppressed", &suppressed) ||
        !get_int(p, o, "n", suppressed ? -1 : 1, suppressed ? -1 : MERGE_MAX_N, suppressed,
                 &c->n))
        return false;
    c->instrument = t->instrument;
    c->phase = t->phase;
    c->part = t->part;
    c->exercise = t->exercise[0] ? t->exercise : NULL;
    c->counts = NULL;
    c->median = c->q1 = c->q3 = -1;
    static const char *const figures[] = {"median", "q1", "q3", "counts"};
    static const char *const never[] = {"mean", "sd"};
    for (size_t i = 0; i < sizeof never / sizeof never[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, never[i]);
        if (v && !cJSON_IsNull(v))
            return fail(p, _("%s gives a %s, which Hearth never shows: this file was not made "
                             "by Hearth's rule"),
                        p->where, never[i]);
    }
    if (suppressed) {
        /* a withheld cell carries no figures, and none are kept */
        for (size_t i = 0; i < sizeof figures / sizeof figures[0]; i++) {
            const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, figures[i]);
            if (v && !cJSON_IsNull(v))
                return fail(p, _("%s is withheld but %s is given"), p->where, figures[i]);
        }
        return true;
    }
    if (c->n < min_cell)
        return fail(p, _("%s shows %d answers, fewer than the file's threshold %d"), p->where,
                    c->n, min_cell);
    if (!get_int(p, o, "median", c->lo, c->hi, false, &c->median) ||
        !get_int(p, o, "q1", c->lo, c->hi, true, &c->q1) ||
        !get_int(p, o, "q3", c->lo, c->hi, true, &c->q3))
        return false;
    if ((c->q1 < 0) != (c->q3 < 0) || (c->q1 >= 0 && (c->q1 > c->median || c->median > c->q3)))
        return fail(p, _("%s: the quartiles are not in order (q1 <= median <= q3)"), p->where);
    const cJSON *counts = cJSON_GetObjectItemCaseSensitive(o, "counts");
    if (!counts || cJSON_IsNull(counts))
        return true;
    /* no export shows how many chose each answer: a file that does was
     * not made by Hearth, or was made to give answers away */
    return fail(p, _("%s shows the count of each answer, which no export may"), p->where);
}

static int cmp_ids(const void *a, const void *b)
{
    return strcmp(((const ImportSession *)a)->id, ((const ImportSession *)b)->id);
}

void merge_doc_free(MergeDoc *d)
{
    Storage *st = d->storage;
    if (st) {
        free(st->cells);
        free(st->ctext);
        free(st);
    }
    free(d->sessions);
    memset(d, 0, sizeof *d);
}

static bool parse_doc(Parse *p, const cJSON *root, MergeDoc *d)
{
    if (!cJSON_IsObject(root))
        return fail(p, "%s", _("the file is not a JSON object"));
    const cJSON *fmt = cJSON_GetObjectItemCaseSensitive(root, "format");
    if (!cJSON_IsString(fmt) || strcmp(fmt->valuestring, REPORT_JSON_FORMAT))
        return fail(p, "%s", _("this is not a Hearth trends export (its \"format\" is not "
                               "\"hearth-trends\")"));
    /* a program's report pools several kiosks' sessions under ids of its
     * own: merged into a kiosk, the kiosk's sessions would count twice */
    if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "program")))
        return fail(p, "%s", _("this is a program's report (hearth export --from): it pools "
                               "several kiosks' sessions and cannot be merged into a kiosk; "
                               "merge the kiosks' own exports instead"));
    int version;
    if (!get_int(p, root, "version", 1, 1000000, false, &version))
        return false;
    if (version < REPORT_JSON_VERSION)
        return fail(p, _("this export was made by an older Hearth (format version %d), whose "
                         "figures could give answers away: update that kiosk and export again"),
                    version);
    if (version > REPORT_JSON_VERSION)
        return fail(p, _("version %d of the export format is newer than this Hearth knows (%d)"),
                    version, REPORT_JSON_VERSION);
    if (!get_uuid(p, root, "export_id", d->export_id) ||
        !get_uuid(p, root, "kiosk_id", d->kiosk_id) ||
        !get_int(p, root, "min_cell", 1, STATS_MIN_CELL_MAX, false, &d->min_cell))
        return false;
    if (!stats_min_cell_valid(d->min_cell))
        return fail(p, _("%s is %d: no export has a threshold under %d"), at(p, "min_cell"),
                    d->min_cell, STATS_MIN_CELL_FLOOR);
    /* exports made before the field existed carry no "demo" */
    if (cJSON_GetObjectItemCaseSensitive(root, "demo") && !get_bool(p, root, "demo", &d->demo))
        return false;
    const cJSON *sessions = get_array(p, root, "sessions", MERGE_MAX_SESSIONS);
    if (!sessions)
        return false;
    int ns = cJSON_GetArraySize(sessions), ncells = 0, i = 0;
    const cJSON *s;
    cJSON_ArrayForEach(s, sessions)
    {
        snprintf(p->where, sizeof p->where, "sessions[%d]", i++);
        if (!cJSON_IsObject(s))
            return fail(p, _("%s is not an object"), p->where);
        const cJSON *c = get_array(p, s, "cells", MERGE_MAX_CELLS);
        if (!c)
            return false;
        ncells += cJSON_GetArraySize(c);
    }
    Storage *st = calloc(1, sizeof *st);
    d->storage = st;
    d->sessions = calloc((size_t)(ns ? ns : 1), sizeof *d->sessions);
    if (st) {
        st->cells = calloc((size_t)(ncells ? ncells : 1), sizeof *st->cells);
        st->ctext = calloc((size_t)(ncells ? ncells : 1), sizeof *st->ctext);
    }
    if (!st || !d->sessions || !st->cells || !st->ctext)
        return fail(p, "%s", _("out of memory"));
    int ci = 0;
    i = 0;
    cJSON_ArrayForEach(s, sessions)
    {
        ImportSession *is = &d->sessions[i];
        snprintf(p->where, sizeof p->where, "sessions[%d]", i++);
        if (!get_uuid(p, s, "id", is->id) || !get_uuid(p, s, "kiosk_id", is->kiosk))
            return false;
        const cJSON *g = cJSON_GetObjectItemCaseSensitive(s, "group");
        uint32_t hidden = 0;
        if (cJSON_IsString(g) && !group_name_valid(g->valuestring) &&
            utf8_text_check(g->valuestring, GROUP_NAME_MAX, &hidden) == UTF8_TEXT_HIDDEN)
            return fail(p,
                        _("%s holds the invisible or control character U+%04X; a group name "
                          "must be plain, readable text"),
                        at(p, "group"), (unsigned)hidden);
        if (!cJSON_IsString(g) || !group_name_valid(g->valuestring))
            return fail(p, _("%s is missing or is not a group name (1 to %d readable "
                             "characters)"),
                        at(p, "group"), GROUP_NAME_MAX);
        snprintf(is->group, sizeof is->group, "%s", g->valuestring);
        const cJSON *o = cJSON_GetObjectItemCaseSensitive(s, "opened");
        int64_t ms;
        if (!cJSON_IsString(o) || strlen(o->valuestring) != 20 ||
            !clock_parse_iso(o->valuestring, &ms))
            return fail(p, _("%s is missing or is not a UTC time such as "
                             "2026-11-24T09:00:00Z"),
                        at(p, "opened"));
        if (ms < MERGE_EARLIEST_MS)
            return fail(p, _("%s is %s, before the year 2000: not a date any kiosk recorded"),
                        at(p, "opened"), o->valuestring);
        if (i == 1 || ms > d->latest_ms) {
            d->latest_ms = ms;
            snprintf(d->latest_where, sizeof d->latest_where, "%s", p->where);
        }
        clock_iso8601(ms, is->opened);
        if (!get_int(p, s, "attendance", 0, 100000, true, &is->attendance))
            return false;
        char where[96];
        snprintf(where, sizeof where, "%s", p->where);
        const cJSON *item;
        is->cells = &st->cells[ci];
        int j = 0;
        cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(s, "cells"))
        {
            snprintf(p->where, sizeof p->where, "%s.cells[%d]", where, j);
            ReportImportedCell *c = &st->cells[ci];
            if (!parse_cell(p, item, d->min_cell, c, &st->ctext[ci]))
                return false;
            c->session_id = is->id;
            for (int k = 0; k < j; k++)
                if (!strcmp(is->cells[k].instrument, c->instrument) &&
                    !strcmp(is->cells[k].phase, c->phase) && !strcmp(is->cells[k].part, c->part))
                    return fail(p, _("%s repeats the instrument, phase and part of cells[%d]"),
                                p->where, k);
            ci++;
            j++;
        }
        is->ncells = j;
        d->nsessions = i;
    }
    /* One session twice in one file would make "twice changes nothing"
     * depend on the order inside it: refuse it. */
    ImportSession *sorted = malloc((size_t)(ns ? ns : 1) * sizeof *sorted);
    if (!sorted)
        return fail(p, "%s", _("out of memory"));
    if (ns > 0)
        memcpy(sorted, d->sessions, (size_t)ns * sizeof *sorted);
    qsort(sorted, (size_t)ns, sizeof *sorted, cmp_ids);
    for (int k = 1; k < ns; k++) {
        if (!strcmp(sorted[k - 1].id, sorted[k].id)) {
            char id[40];
            snprintf(id, sizeof id, "%s", sorted[k].id);
            free(sorted);
            p->where[0] = '\0';
            return fail(p, _("the session %s appears twice"), id);
        }
    }
    free(sorted);
    return true;
}

/* The offset of the first NUL in the file, raw or written as \u0000 in a
 * string: cJSON would end the string there and keep the rest unseen, so a
 * name could be checked short and mean more. */
static bool find_nul(const char *buf, size_t len, size_t *at)
{
    bool in_string = false;
    for (size_t i = 0; i < len; i++) {
        char c = buf[i];
        if (c == '\0') {
            *at = i;
            return true;
        }
        if (!in_string) {
            in_string = c == '"';
        } else if (c == '"') {
            in_string = false;
        } else if (c == '\\' && i + 1 < len) {
            if (buf[i + 1] == 'u' && i + 5 < len && !memcmp(buf + i + 2, "0000", 4)) {
                *at = i;
                return true;
            }
            i++; /* the escaped character, which may be a quote */
        }
    }
    return false;
}

static int line_of(const char *buf, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off; i++)
        line += buf[i] == '\n';
    return line;
}

static int cmp_keys(const void *a, const void *b)
{
    return strcmp((*(const cJSON *const *)a)->string, (*(const cJSON *const *)b)->string);
}

/* A key that appears twice in one object, or NULL. cJSON keeps both, and
 * which one counts would depend on who reads the file. */
static const char *repeated_key(const cJSON *obj, bool *oom)
{
    int n = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, obj)
        n++;
    if (n < 2)
        return NULL;
    if (n <= 16) {
        for (const cJSON *a = obj->child; a; a = a->next)
            for (const cJSON *b = a->next; b; b = b->next)
                if (!strcmp(a->string, b->string))
                    return a->string;
        return NULL;
    }
    const cJSON **keys = malloc((size_t)n * sizeof *keys);
    if (!keys) {
        *oom = true;
        return NULL;
    }
    int i = 0;
    cJSON_ArrayForEach(c, obj)
        keys[i++] = c;
    qsort(keys, (size_t)n, sizeof *keys, cmp_keys);
    const char *dup = NULL;
    for (i = 1; i < n && !dup; i++)
        if (!strcmp(keys[i - 1]->string, keys[i]->string))
            dup = keys[i]->string;
    free(keys);
    return dup;
}

/* Every object in the tree has each key once. path names where, for the
 * message ("sessions[3].cells[1]"). */
static bool unique_keys(Parse *p, const cJSON *node, char *path, size_t cap)
{
    if (!cJSON_IsObject(node) && !cJSON_IsArray(node))
        return true;
    if (cJSON_IsObject(node)) {
        bool oom = false;
        const char *dup = repeated_key(node, &oom);
        if (oom)
            return fail(p, "%s", _("out of memory"));
        if (dup) {
            char key[48];
            size_t k = 0;
            /* the key as text a terminal shows harmlessly */
            for (const char *c = dup; *c && k < 40; c++)
                key[k++] = (unsigned char)*c < 0x20 || *c == 0x7f ? '?' : *c;
            key[k] = '\0';
            return fail(p, _("%s has the key \"%s\" twice; a file that says two things at "
                             "once is refused"),
                        path[0] ? path : _("the file's top level"), key);
        }
    }
    size_t used = strlen(path);
    int i = 0;
    const cJSON *c;
    cJSON_ArrayForEach(c, node)
    {
        if (cJSON_IsObject(node))
            snprintf(path + used, cap - used, "%s%.40s", used ? "." : "", c->string);
        else
            snprintf(path + used, cap - used, "[%d]", i);
        i++;
        if (!unique_keys(p, c, path, cap))
            return false;
        path[used] = '\0';
    }
    return true;
}

bool merge_parse(const char *label, const char *buf, size_t len, MergeDoc *out, char *err,
                 size_t errlen)
{
    memset(out, 0, sizeof *out);
    Parse p = {label, err, errlen, ""};
    if (len > MERGE_FILE_MAX)
        return fail(&p, _("the file is larger than %u MB"), MERGE_FILE_MAX / (1024u * 1024u));
    size_t nul;
    if (find_nul(buf, len, &nul))
        return fail(&p,
                    _("line %d: a string holds the NUL character (\\u0000), which would cut "
                      "it short unseen; the file is refused"),
                    line_of(buf, nul));
    /* a copy with its terminator, so cJSON stops at the end and says where */
    char *copy = malloc(len + 1);
    if (!copy)
        return fail(&p, "%s", _("out of memory"));
    if (len)
        memcpy(copy, buf, len);
    copy[len] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(copy, len + 1, &end, false);
    size_t off = end && end >= copy && end <= copy + len ? (size_t)(end - copy) : 0;
    if (root) {
        while (off < len && (copy[off] == ' ' || copy[off] == '\t' || copy[off] == '\r' ||
                             copy[off] == '\n'))
            off++;
        if (off < len) {
            cJSON_Delete(root);
            root = NULL;
        }
    } else {
        const char *e = cJSON_GetErrorPtr();
        off = e && e >= copy && e <= copy + len ? (size_t)(e - copy) : 0;
    }
    if (!root) {
        int line = line_of(copy, off);
        free(copy);
        return fail(&p, _("line %d: this is not valid JSON"), line);
    }
    free(copy);
    char path[200] = "";
    bool ok = unique_keys(&p, root, path, sizeof path) && parse_doc(&p, root, out);
    cJSON_Delete(root);
    if (!ok)
        merge_doc_free(out);
    return ok;
}

bool merge_file(Store *store, const char *path, int64_t wall_ms, const MergeOptions *opt,
                ImportStats *stats, MergeDoc *info, char *err, size_t errlen)
{
    /* never blocks: a FIFO or a device given as the file is refused */
    char why[1200];
    int fd = file_open_regular(path, NULL, why, sizeof why);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    if (!f) {
        if (fd >= 0)
            close(fd);
        snprintf(err, errlen, "%s", why); /* it names the file */
        return false;
    }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0) {
        fclose(f);
        snprintf(err, errlen, _("%s: cannot read it"), path);
        return false;
    }
    if ((unsigned long long)sb.st_size > MERGE_FILE_MAX) {
        fclose(f);
        snprintf(err, errlen, _("%s: the file is larger than %u MB"), path,
                 MERGE_FILE_MAX / (1024u * 1024u));
        return false;
    }
    size_t len = (size_t)sb.st_size;
    char *buf = malloc(len ? len : 1);
    if (!buf || fread(buf, 1, len, f) != len) {
        free(buf);
        fclose(f);
        snprintf(err, errlen, _("%s: cannot read it"), path);
        return false;
    }
    fclose(f);
    MergeDoc doc;
    bool ok = merge_parse(path, buf, len, &doc, err, errlen);
    free(buf);
    if (!ok)
        return false;
    char when[32];
    if (doc.nsessions > 0 && doc.latest_ms > wall_ms + MERGE_FUTURE_MS) {
        clock_iso8601(doc.latest_ms, when);
        snprintf(err, errlen,
                 _("%s: %s.opened is %s, more than a day from now; the file, or the clock of "
                   "the kiosk that made it, is wrong. Nothing was changed."),
                 path, doc.latest_where, when);
        merge_doc_free(&doc);
        return false;
    }
    char demo[8];
    bool demo_here = store_setting_get(store, "demo_data", demo, sizeof demo) == STORE_OK &&
                     !strcmp(demo, "1");
    if (doc.demo && !demo_here && !(opt && opt->include_demo)) {
        snprintf(err, errlen,
                 _("%s: this export was made from demo data (the synthetic groups of 'hearth "
                   "demo-data'), and this database is a real kiosk's, so merging would put "
                   "made-up sessions into real trends. Nothing was changed. Merge it into a "
                   "demo database, or add --include-demo if that is really what you want."),
                 path);
        merge_doc_free(&doc);
        return false;
    }
    /* the sessions and the audit row of the merge, together */
    ImportStats local = {0};
    StoreResult r = store_tx_begin(store);
    if (r == STORE_OK)
        r = store_report_import(store, doc.export_id, doc.sessions, doc.nsessions, wall_ms,
                                &local);
    if (r == STORE_OK) {
        char detail[160];
        snprintf(detail, sizeof detail,
                 "export %.8s from kiosk %.8s: %d added, %d updated, %d own skipped",
                 doc.export_id, doc.kiosk_id, local.added, local.updated, local.skipped);
        r = store_audit(store, wall_ms, "merge", detail);
    }
    if (r == STORE_OK)
        r = store_tx_commit(store);
    else
        store_tx_rollback(store);
    if (r == STORE_OK && stats)
        *stats = local;
    if (r != STORE_OK) {
        snprintf(err, errlen, "%s", store_error(store));
        ok = false;
    }
    if (info) {
        *info = doc;
        info->sessions = NULL;
        info->storage = NULL;
    }
    merge_doc_free(&doc);
    return ok;
}
