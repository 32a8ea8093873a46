/* The catalog: adding a file, its problems, lookups. See
 * catalog_internal.h for how the files of the catalog divide the work. */
#include "core/catalog_internal.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const cat_kind_folder[KIND_COUNT] = {"instruments", "exercises", "plans"};
const char *const cat_kind_noun[KIND_COUNT + 1] = {"instrument", "exercise", "plan",
                                                   "crisis card"};

bool cat_idlist_push(IdList *l, const char *id)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 8;
        void *ids = realloc(l->ids, (size_t)cap * sizeof *l->ids);
        if (!ids)
            return false;
        l->ids = ids;
        l->cap = cap;
    }
    snprintf(l->ids[l->count++], sizeof l->ids[0], "%s", id);
    return true;
}

bool cat_idlist_has(const IdList *l, const char *id)
{
    for (int i = 0; i < l->count; i++)
        if (!strcmp(l->ids[i], id))
            return true;
    return false;
}

Catalog *catalog_new(void)
{
    return calloc(1, sizeof(Catalog));
}

void catalog_free(Catalog *cat)
{
    if (!cat)
        return;
    arena_free(&cat->arena);
    for (int k = 0; k < KIND_COUNT; k++) {
        free(cat->items[k].items);
        free(cat->skipped[k].ids);
    }
    free(cat->problems);
    free(cat);
}

CatalogProblem *cat_problem_new(Catalog *cat)
{
    if (cat->nproblems == cat->problems_cap) {
        int cap = cat->problems_cap ? cat->problems_cap * 2 : 16;
        CatalogProblem *p = realloc(cat->problems, (size_t)cap * sizeof *p);
        if (!p) {
            cat->oom = true;
            return NULL;
        }
        cat->problems = p;
        cat->problems_cap = cap;
    }
    CatalogProblem *p = &cat->problems[cat->nproblems++];
    memset(p, 0, sizeof *p);
    return p;
}

void cat_problem_add(Catalog *cat, const char *file, int line, bool warning, const char *fmt,
                        ...)
{
    CatalogProblem *p = cat_problem_new(cat);
    if (!p)
        return;
    snprintf(p->file, sizeof p->file, "%s", file);
    p->line = line;
    p->warning = warning;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(p->message, sizeof p->message, fmt, ap);
    va_end(ap);
}

/* --- the text ----------------------------------------------------------- */

static cJSON *parse_text(Ctx *c, const char *json, size_t len, char **copy)
{
    *copy = NULL;
    const unsigned char *u = (const unsigned char *)json;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        cat_report_line(c, 1, "this file is saved as UTF-16; save it as UTF-8 instead");
        return NULL;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        /* Windows editors add a byte-order mark; cJSON skips it too. */
        json += 3;
        len -= 3;
    }
    c->where = jsonsrc_new(json, len);
    if (!c->where) {
        c->cat->oom = true;
        return NULL;
    }
    size_t bad = utf8_invalid_at(json, len);
    if (bad < len) {
        if (json[bad] == '\0')
            cat_report_line(c, jsonsrc_line(c->where, bad),
                        "this line holds a NUL byte: the file is not plain text");
        else
            cat_report_line(c, jsonsrc_line(c->where, bad),
                        "this line is not UTF-8 text (byte 0x%02X): save the file as UTF-8",
                        (unsigned char)json[bad]);
        return NULL;
    }
    size_t first = 0;
    while (first < len && (unsigned char)json[first] <= 32)
        first++;
    if (first == len) {
        cat_report_line(c, 1, "the file is empty");
        return NULL;
    }
    char *buf = malloc(len + 1);
    if (!buf) {
        c->cat->oom = true;
        return NULL;
    }
    memcpy(buf, json, len);
    buf[len] = '\0';
    *copy = buf;
    /* The terminating NUL is part of the length: cJSON 1.7 then checks
     * that nothing but whitespace follows the value. */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;
        char msg[sizeof ((CatalogProblem *)0)->message];
        int line = jsonsrc_explain(c->where, off, msg, sizeof msg);
        cat_report_line(c, line, "%s", msg);
    }
    return root;
}

void cat_file_stem(const char *label, char *out, size_t n)
{
    const char *base = strrchr(label, '/');
    base = base ? base + 1 : label;
    size_t len = strlen(base);
    if (len > 5 && !strcmp(base + len - 5, ".json"))
        len -= 5;
    snprintf(out, n, "%.*s", (int)len, base);
}

/* Problems of one file by line, keeping their order within a line. */
static void sort_file_problems(Catalog *cat, int first)
{
    for (int i = first + 1; i < cat->nproblems; i++) {
        CatalogProblem p = cat->problems[i];
        int j = i;
        while (j > first && cat->problems[j - 1].line > p.line) {
            cat->problems[j] = cat->problems[j - 1];
            j--;
        }
        cat->problems[j] = p;
    }
}

bool cat_add_file(Catalog *cat, Kind kind, const char *label, const char *json, size_t len)
{
    Ctx c = {.cat = cat, .kind = kind, .label = label, .first = cat->nproblems};
    cat_file_stem(label, c.stem, sizeof c.stem);
    ArenaMark mark = arena_mark(&cat->arena);
    char *copy = NULL;
    void *item = NULL;
    c.root = parse_text(&c, json, len, &copy);
    if (c.root) {
        if (kind == KIND_EXERCISE)
            item = cat_parse_exercise(&c, c.root);
        else if (kind == KIND_INSTRUMENT)
            item = cat_parse_instrument(&c, c.root);
        else if (kind == KIND_PLAN)
            item = cat_parse_plan(&c, c.root);
        else
            item = cat_parse_crisis(&c, c.root);
    }
    bool ok = item && c.errors == 0 && !cat->oom;
    if (ok && kind == KIND_CRISIS)
        cat->crisis = item;
    else if (ok)
        ok = ptrlist_push(&cat->items[kind], item);
    if (!ok) {
        arena_rollback(&cat->arena, mark);
        if (kind != KIND_CRISIS && cat_id_is_valid(c.stem) &&
            !cat_idlist_push(&cat->skipped[kind], c.stem))
            cat->oom = true;
    }
    sort_file_problems(cat, c.first);
    if (c.hidden > 0) {
        int line = cat->nproblems > c.first ? cat->problems[cat->nproblems - 1].line : 1;
        cat_problem_add(cat, label, line, false, "... and %d more problem%s in this file", c.hidden,
                    c.hidden == 1 ? "" : "s");
    }
    cJSON_Delete(c.root);
    jsonsrc_free(c.where);
    free(copy);
    return ok;
}

bool catalog_add_instrument(Catalog *cat, const char *label, const char *json, size_t len)
{
    return cat_add_file(cat, KIND_INSTRUMENT, label, json, len);
}

bool catalog_add_exercise(Catalog *cat, const char *label, const char *json, size_t len)
{
    return cat_add_file(cat, KIND_EXERCISE, label, json, len);
}

bool catalog_add_plan(Catalog *cat, const char *label, const char *json, size_t len)
{
    return cat_add_file(cat, KIND_PLAN, label, json, len);
}

bool catalog_add_crisis(Catalog *cat, const char *label, const char *json, size_t len)
{
    return cat_add_file(cat, KIND_CRISIS, label, json, len);
}

/* --- lookups ------------------------------------------------------------- */

static const char *item_id(Kind kind, const void *item)
{
    if (kind == KIND_EXERCISE)
        return ((const Exercise *)item)->id;
    if (kind == KIND_INSTRUMENT)
        return ((const Instrument *)item)->id;
    return ((const Plan *)item)->id;
}

const void *cat_catalog_find(const Catalog *cat, Kind kind, const char *id)
{
    const PtrList *l = &cat->items[kind];
    for (int i = 0; i < l->count; i++)
        if (!strcmp(item_id(kind, l->items[i]), id))
            return l->items[i];
    return NULL;
}

const Exercise *catalog_exercise(const Catalog *cat, const char *id)
{
    return cat_catalog_find(cat, KIND_EXERCISE, id);
}

const Instrument *catalog_instrument(const Catalog *cat, const char *id)
{
    return cat_catalog_find(cat, KIND_INSTRUMENT, id);
}

const Plan *catalog_plan(const Catalog *cat, const char *id)
{
    return cat_catalog_find(cat, KIND_PLAN, id);
}

const Crisis *catalog_crisis(const Catalog *cat)
{
    return cat->crisis;
}

static const void *item_at(const Catalog *cat, Kind kind, int i)
{
    const PtrList *l = &cat->items[kind];
    return i >= 0 && i < l->count ? l->items[i] : NULL;
}

int catalog_exercise_count(const Catalog *cat) { return cat->items[KIND_EXERCISE].count; }
int catalog_instrument_count(const Catalog *cat) { return cat->items[KIND_INSTRUMENT].count; }
int catalog_plan_count(const Catalog *cat) { return cat->items[KIND_PLAN].count; }

const Exercise *catalog_exercise_at(const Catalog *cat, int i)
{
    return item_at(cat, KIND_EXERCISE, i);
}

const Instrument *catalog_instrument_at(const Catalog *cat, int i)
{
    return item_at(cat, KIND_INSTRUMENT, i);
}

const Plan *catalog_plan_at(const Catalog *cat, int i)
{
    return item_at(cat, KIND_PLAN, i);
}

int catalog_problem_count(const Catalog *cat) { return cat->nproblems; }

const CatalogProblem *catalog_problem_at(const Catalog *cat, int i)
{
    return i >= 0 && i < cat->nproblems ? &cat->problems[i] : NULL;
}

void catalog_problem_format(const CatalogProblem *p, char *out, size_t n)
{
    if (p->line > 0)
        snprintf(out, n, "%s:%d: %s", p->file, p->line, p->message);
    else
        snprintf(out, n, "%s: %s", p->file, p->message);
}

size_t catalog_memory(const Catalog *cat)
{
    size_t n = sizeof *cat + cat->arena.bytes +
               (size_t)cat->problems_cap * sizeof *cat->problems;
    for (int k = 0; k < KIND_COUNT; k++)
        n += (size_t)cat->items[k].cap * sizeof(void *) +
             (size_t)cat->skipped[k].cap * sizeof cat->skipped[k].ids[0];
    return n;
}
