/* Checking one file: problems with their lines, and the getters of
 * data/README.md's field types, which report in sentences. */
#include "core/catalog_internal.h"

#include "core/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The line of a node: of its name when it is an object member, so that
 * "unknown field" and "too long" point where a person looks. */
static int line_of(Ctx *c, const cJSON *node)
{
    if (!node || !c->where)
        return 1;
    if (!c->indexed) {
        c->indexed = true;
        JsonSrcStatus st = jsonsrc_index(c->where, c->root);
        if (st == JSONSRC_NOMEM)
            c->cat->oom = true;
        else if (st == JSONSRC_MISMATCH)
            /* Cannot happen for a text cJSON accepted; say so rather than
             * point at wrong lines. */
            cat_problem_add(c->cat, c->label, 1, true,
                            "line numbers could not be worked out for this file, so its "
                            "problems point at line 1 (please tell Hearth's developers)");
    }
    return jsonsrc_node_line(c->where, node);
}

/* True once this file's problems are no longer shown: from then on they
 * are only counted, and nothing is spent working out their lines, so that
 * a megabyte of mistakes still loads in a blink. */
static bool capped(const Ctx *c)
{
    return c->shown >= CATALOG_PROBLEMS_PER_FILE;
}

static void report_at(Ctx *c, int line, bool warning, const char *fmt, va_list ap)
    PRINTF_LIKE(4, 0);
static void report_at(Ctx *c, int line, bool warning, const char *fmt, va_list ap)
{
    if (!warning)
        c->errors++;
    if (capped(c)) {
        c->hidden++;
        return;
    }
    CatalogProblem *p = cat_problem_new(c->cat);
    if (!p)
        return;
    c->shown++;
    snprintf(p->file, sizeof p->file, "%s", c->label);
    p->line = line;
    p->warning = warning;
    vsnprintf(p->message, sizeof p->message, fmt, ap);
}

void cat_report(Ctx *c, const cJSON *node, const char *fmt, ...)
{
    int line = capped(c) ? 0 : line_of(c, node);
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, false, fmt, ap);
    va_end(ap);
}

void cat_warn(Ctx *c, const cJSON *node, const char *fmt, ...)
{
    int line = capped(c) ? 0 : line_of(c, node);
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, true, fmt, ap);
    va_end(ap);
}

/* A required field is absent: reported unless a misspelling of it was. */
void cat_report_missing(Ctx *c, const cJSON *obj, const char *field, const char *fmt, ...)
{
    for (int i = 0; i < c->ntypos; i++) {
        if (c->typo_obj[i] == obj && !strcmp(c->typo_field[i], field)) {
            c->errors++;
            return;
        }
    }
    int line = capped(c) ? 0 : line_of(c, obj);
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, false, fmt, ap);
    va_end(ap);
}

void cat_report_line(Ctx *c, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, false, fmt, ap);
    va_end(ap);
}

char *cat_arena_strdup(Ctx *c, const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = arena_alloc_aligned(&c->cat->arena, n, 1);
    if (!p) {
        c->cat->oom = true;
        return NULL;
    }
    memcpy(p, s, n);
    return p;
}

/* How a value looks to someone who wrote it, for "must be ..., not ...". */
const char *cat_json_kind(const cJSON *v)
{
    if (cJSON_IsString(v))
        return "text in quotes";
    if (cJSON_IsNumber(v))
        return "a number";
    if (cJSON_IsBool(v))
        return "true or false";
    if (cJSON_IsNull(v))
        return "null";
    if (cJSON_IsArray(v))
        return "a list [...]";
    if (cJSON_IsObject(v))
        return "an object {...}";
    return "something else";
}

/* Edit distance for "did you mean", on short names only. */
static int edit_distance(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b);
    if (na > 40 || nb > 40)
        return 99;
    int row[41];
    for (size_t j = 0; j <= nb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= na; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= nb; j++) {
            int up = row[j];
            int ca = a[i - 1], cb = b[j - 1];
            if (ca >= 'A' && ca <= 'Z')
                ca += 'a' - 'A';
            int best = diag + (ca != cb);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            diag = up;
            row[j] = best;
        }
    }
    return row[nb];
}

const char *cat_closest(const char *word, const char *const *names, int n)
{
    const char *best = NULL;
    int best_d = 3; /* two edits at most: a typo, not another word */
    for (int i = 0; i < n; i++) {
        int d = edit_distance(word, names[i]);
        if (d < best_d && (size_t)d < strlen(names[i])) {
            best_d = d;
            best = names[i];
        }
    }
    return best;
}

static void join_names(char *out, size_t size, const char *const *names, int n)
{
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < n && used < size; i++) {
        int w = snprintf(out + used, size - used, "%s%s", i ? ", " : "", names[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

/* Reports members that are not in allowed (with a guess at the intended
 * one) and members given twice, which cJSON would quietly reduce to the
 * first. where names the object: "step 3", "the exercise's title". Linear
 * in the members, whatever a file holds. */
void cat_check_fields(Ctx *c, const cJSON *obj, const char *const *allowed, int n,
                         const char *where)
{
    unsigned seen = 0; /* allowed[k] met: bit k */
    for (const cJSON *m = obj->child; m; m = m->next) {
        const char *name = m->string ? m->string : "";
        int k = 0;
        while (k < n && strcmp(name, allowed[k]) != 0)
            k++;
        if (k < n) {
            if (seen & 1u << k)
                cat_report(c, m, "\"%s\" appears twice in %s; keep only one", name, where);
            seen |= 1u << k;
            continue;
        }
        if (capped(c)) {
            cat_report(c, m, "unknown field"); /* counted, not shown */
            continue;
        }
        const char *guess = cat_closest(name, allowed, n);
        if (guess && c->ntypos < COUNT(c->typo_obj)) {
            c->typo_obj[c->ntypos] = obj;
            c->typo_field[c->ntypos++] = guess;
        }
        if (guess) {
            cat_report(c, m, "unknown field \"%.60s\" in %s (did you mean \"%s\"?)", name, where,
                   guess);
        } else {
            char list[200];
            join_names(list, sizeof list, allowed, n);
            cat_report(c, m, "unknown field \"%.60s\" in %s (the fields here are %s)", name, where,
                   list);
        }
    }
}

const cJSON *cat_member(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

bool cat_is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

/* A translated text: {"en": "...", "es": "..."}, each 1 to max characters.
 * owner and what make the sentences: "step 3 has no Spanish prompt". An
 * absent optional text is empty in both languages. */
bool cat_get_text(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     const char *what, int max, bool required, const char *why, Text *out)
{
    for (int i = 0; i < I18N_LANG_COUNT; i++)
        out->in[i] = "";
    const cJSON *v = cat_member(obj, field);
    if (!v) {
        if (required)
            cat_report_missing(c, obj, field,
                           "%s has no %s (\"%s\": {\"en\": \"...\", \"es\": \"...\"})", owner,
                           what, field);
        return !required;
    }
    if (!cJSON_IsObject(v)) {
        cat_report(c, v, "%s's %s must be {\"en\": \"...\", \"es\": \"...\"}, not %s", owner, what,
               cat_json_kind(v));
        return false;
    }
    char where[160];
    snprintf(where, sizeof where, "%s's %s", owner, what);
    const char *codes[I18N_LANG_COUNT];
    for (int i = 0; i < I18N_LANG_COUNT; i++)
        codes[i] = i18n_lang_code(i);
    cat_check_fields(c, v, codes, I18N_LANG_COUNT, where);
    bool ok = true;
    for (int i = 0; i < I18N_LANG_COUNT; i++) {
        const char *lang = i18n_lang_english_name(i);
        const cJSON *t = cat_member(v, codes[i]);
        if (!t) {
            cat_report(c, v, "%s has no %s %s (\"%s\")", owner, lang, what, codes[i]);
            ok = false;
        } else if (!cJSON_IsString(t)) {
            cat_report(c, t, "%s's %s %s must be text in quotes, not %s", owner, lang, what,
                   cat_json_kind(t));
            ok = false;
        } else if (cat_is_blank(t->valuestring)) {
            cat_report(c, t, "%s's %s %s is empty", owner, lang, what);
            ok = false;
        } else if (utf8_length(t->valuestring) > (size_t)max) {
            cat_report(c, t, "%s's %s %s is %zu characters long; the limit is %d%s", owner, lang,
                   what, utf8_length(t->valuestring), max, why ? why : "");
            ok = false;
        } else if (ok) {
            out->in[i] = cat_arena_strdup(c, t->valuestring);
            if (!out->in[i])
                return false;
        }
    }
    return ok;
}

bool cat_whole_in(double v, int lo, int hi)
{
    return v >= lo && v <= hi && (double)(int)v == v;
}

/* A whole number from lo to hi. hint tells what the number means. */
bool cat_get_int(Ctx *c, const cJSON *obj, const char *field, const char *owner, int lo,
                    int hi, const char *hint, int *out)
{
    const cJSON *v = cat_member(obj, field);
    if (!v) {
        cat_report_missing(c, obj, field, "%s has no \"%s\" (%s, a whole number from %d to %d)", owner,
                       field, hint, lo, hi);
        return false;
    }
    if (cJSON_IsString(v)) {
        cat_report(c, v, "%s's \"%s\" must be a number without quotes, not the text \"%.20s\"", owner,
               field, v->valuestring);
        return false;
    }
    if (!cJSON_IsNumber(v)) {
        cat_report(c, v, "%s's \"%s\" must be a whole number from %d to %d, not %s", owner, field, lo,
               hi, cat_json_kind(v));
        return false;
    }
    if (!cat_whole_in(v->valuedouble, lo, hi)) {
        cat_report(c, v, "%s's \"%s\" is %g; it must be a whole number from %d to %d (%s)", owner,
               field, v->valuedouble, lo, hi, hint);
        return false;
    }
    *out = (int)v->valuedouble;
    return true;
}

/* Any number; present tells whether it was there at all. */
bool cat_get_number(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                       bool *present, double *out)
{
    const cJSON *v = cat_member(obj, field);
    *present = v != NULL;
    if (!v)
        return true;
    if (!cJSON_IsNumber(v)) {
        cat_report(c, v, "%s's \"%s\" must be a number, not %s", owner, field, cat_json_kind(v));
        return false;
    }
    *out = v->valuedouble;
    return true;
}

bool cat_get_bool(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     bool required, bool *out)
{
    const cJSON *v = cat_member(obj, field);
    *out = false;
    if (!v) {
        if (required)
            cat_report_missing(c, obj, field, "%s has no \"%s\" (true or false)", owner, field);
        return !required;
    }
    if (!cJSON_IsBool(v)) {
        cat_report(c, v, "%s's \"%s\" must be true or false without quotes, not %s", owner, field,
               cat_json_kind(v));
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

/* One of names; the index goes to out. */
bool cat_get_enum(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     const char *const *names, int n, int *out)
{
    char list[200];
    join_names(list, sizeof list, names, n);
    const cJSON *v = cat_member(obj, field);
    if (!v) {
        cat_report_missing(c, obj, field, "%s has no \"%s\" (one of %s)", owner, field, list);
        return false;
    }
    if (!cJSON_IsString(v)) {
        cat_report(c, v, "%s's \"%s\" must be one of %s in quotes, not %s", owner, field, list,
               cat_json_kind(v));
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (!strcmp(v->valuestring, names[i])) {
            *out = i;
            return true;
        }
    }
    const char *guess = cat_closest(v->valuestring, names, n);
    if (guess)
        cat_report(c, v, "%s has the unknown %s \"%.40s\" (did you mean \"%s\"?)", owner, field,
               v->valuestring, guess);
    else
        cat_report(c, v, "%s has the unknown %s \"%.40s\"; use one of %s", owner, field,
               v->valuestring, list);
    return false;
}

bool cat_id_is_valid(const char *s)
{
    size_t n = strlen(s);
    if (n < 1 || n > CATALOG_ID_MAX)
        return false;
    for (size_t i = 0; i < n; i++)
        if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
            return false;
    return true;
}

/* An id that points at another file. */
bool cat_get_ref(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                    bool required, char out[CATALOG_ID_MAX + 1], const cJSON **node)
{
    const cJSON *v = cat_member(obj, field);
    out[0] = '\0';
    *node = v;
    if (!v) {
        if (required)
            cat_report_missing(c, obj, field, "%s has no \"%s\"", owner, field);
        return !required;
    }
    if (!cJSON_IsString(v)) {
        cat_report(c, v, "%s's \"%s\" must be an id in quotes, not %s", owner, field, cat_json_kind(v));
        return false;
    }
    if (!cat_id_is_valid(v->valuestring)) {
        cat_report(c, v,
               "%s's \"%s\" is \"%.60s\", which is not an id: ids are 1 to 48 characters of "
               "a-z, 0-9 and -",
               owner, field, v->valuestring);
        return false;
    }
    snprintf(out, CATALOG_ID_MAX + 1, "%s", v->valuestring);
    return true;
}

/* A reference to an item of kind that must already be in the catalog;
 * what reads "block 2 suggests the exercise". */
bool cat_check_ref(Ctx *c, const cJSON *node, Kind kind, const char *what, const char *id)
{
    if (cat_catalog_find(c->cat, kind, id))
        return true;
    if (cat_idlist_has(&c->cat->skipped[kind], id))
        cat_report(c, node,
               "%s \"%s\", but %s/%s.json has problems of its own (listed with it) and was "
               "not loaded",
               what, id, cat_kind_folder[kind], id);
    else
        cat_report(c, node, "%s \"%s\", but there is no %s/%s.json", what, id, cat_kind_folder[kind], id);
    return false;
}

int cat_cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool sibling_exists(const Catalog *cat, const char *name)
{
    if (!cat->siblings)
        return false;
    const char *key = name;
    return bsearch(&key, cat->siblings, (size_t)cat->nsiblings, sizeof *cat->siblings,
                   cat_cmp_str) != NULL;
}

/* The item's own id: valid, equal to the file name, not taken. */
bool cat_get_own_id(Ctx *c, const cJSON *root, char out[CATALOG_ID_MAX + 1])
{
    const char *noun = cat_kind_noun[c->kind];
    const cJSON *v = cat_member(root, "id");
    if (!v) {
        if (cat_id_is_valid(c->stem))
            cat_report_missing(c, root, "id", "the %s has no \"id\"; add \"id\": \"%s\"", noun,
                           c->stem);
        else
            cat_report_missing(c, root, "id", "the %s has no \"id\"", noun);
        return false;
    }
    if (!cJSON_IsString(v)) {
        cat_report(c, v, "the \"id\" must be text in quotes, not %s", cat_json_kind(v));
        return false;
    }
    const char *id = v->valuestring;
    if (!cat_id_is_valid(id)) {
        cat_report(c, v,
               "the id \"%.60s\" is not valid: ids are 1 to 48 characters of a-z, 0-9 and -, "
               "and the file is named after it",
               id);
        return false;
    }
    char other[CATALOG_ID_MAX + 8];
    snprintf(other, sizeof other, "%s.json", id);
    bool taken = cat_catalog_find(c->cat, c->kind, id) != NULL;
    if (strcmp(id, c->stem) != 0) {
        if (!cat_id_is_valid(c->stem))
            cat_report(c, v,
                   "the file name \"%.60s\" cannot be an id: name the file after its id, "
                   "\"%s.json\", using only a-z, 0-9 and -",
                   c->stem, id);
        else if (taken || sibling_exists(c->cat, other))
            cat_report(c, v,
                   "the id \"%s\" is already used by %s/%s: give this %s its own id, \"%s\", "
                   "to match its file name",
                   id, cat_kind_folder[c->kind], other, noun, c->stem);
        else
            cat_report(c, v, "the id \"%s\" does not match the file name: it must be \"%s\"", id,
                   c->stem);
        return false;
    }
    if (taken) {
        cat_report(c, v, "the id \"%s\" is already used by another %s loaded before this file", id,
               noun);
        return false;
    }
    snprintf(out, CATALOG_ID_MAX + 1, "%s", id);
    return true;
}

bool cat_require_object(Ctx *c, const cJSON *root)
{
    if (cJSON_IsObject(root))
        return true;
    cat_report(c, root, "the file must hold one JSON object {...} describing the %s, not %s",
           cat_kind_noun[c->kind], cat_json_kind(root));
    return false;
}

/* Plain text in quotes (a citation, a phone number), 1 to max characters,
 * or absent when optional ("" then). */
bool cat_get_plain(Ctx *c, const cJSON *obj, const char *field, const char *owner, int max,
                      bool required, const char **out)
{
    const cJSON *v = cat_member(obj, field);
    *out = "";
    if (!v) {
        if (required)
            cat_report_missing(c, obj, field, "%s has no \"%s\"", owner, field);
        return !required;
    }
    if (!cJSON_IsString(v)) {
        cat_report(c, v, "%s's \"%s\" must be text in quotes, not %s", owner, field, cat_json_kind(v));
        return false;
    }
    if (cat_is_blank(v->valuestring)) {
        cat_report(c, v, "%s's \"%s\" is empty", owner, field);
        return false;
    }
    if (utf8_length(v->valuestring) > (size_t)max) {
        cat_report(c, v, "%s's \"%s\" is %zu characters long; the limit is %d", owner, field,
               utf8_length(v->valuestring), max);
        return false;
    }
    const char *copy = cat_arena_strdup(c, v->valuestring);
    if (!copy)
        return false;
    *out = copy;
    return true;
}

