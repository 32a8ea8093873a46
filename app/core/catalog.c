/* Loading and checking data/: see data/README.md for the format.
 *
 * Each file is parsed with cJSON, then checked field by field while its item
 * is built in the catalog's arena. Any problem that is not a warning drops
 * the item and rolls the arena back, so a broken file costs no memory.
 *
 * cJSON keeps no positions, yet every problem needs a line. When a file has
 * its first problem, a small scanner walks the source text and records the
 * offset of every JSON value in document order; cJSON keeps values in the
 * same order (object members included), so walking the tree in pre-order
 * pairs each node with its offset. */
#include "core/catalog.h"

#include "core/file.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#if defined(__GNUC__)
#define PRINTF_LIKE(a, b) __attribute__((format(printf, a, b)))
#else
#define PRINTF_LIKE(a, b)
#endif

/* --- names --------------------------------------------------------------- */

static const char *const module_names[MODULE_COUNT] = {
    "mindfulness",    "distress_tolerance", "emotion_regulation", "interpersonal_effectiveness",
    "cbt_cognitive",  "cbt_behavioural",    "relapse_prevention",
};
static const char *const module_titles_en[MODULE_COUNT] = {
    "Mindfulness",           "Distress tolerance",      "Emotion regulation",
    "Interpersonal effectiveness", "Thoughts (CBT)",    "Actions (CBT)",
    "Relapse prevention",
};
static const char *const module_titles_es[MODULE_COUNT] = {
    "Atención plena",            "Tolerancia al malestar", "Regulación emocional",
    "Efectividad interpersonal", "Pensamientos (TCC)",     "Acciones (TCC)",
    "Prevención de recaídas",
};
static const char *const step_kind_names[] = {"read", "breathe", "silent", "pairs", "group"};
static const char *const style_names[] = {"faces", "buttons", "slider"};
static const char *const block_kind_names[] = {"checkin", "teaching", "practice", "break",
                                               "process", "rating",   "checkout"};
#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static bool lang_is_es(const char *lang)
{
    return lang && lang[0] == 'e' && lang[1] == 's' &&
           (lang[2] == '\0' || lang[2] == '_' || lang[2] == '-' || lang[2] == '.');
}

const char *text_in(const Text *t, const char *lang)
{
    if (lang_is_es(lang) && t->es && t->es[0])
        return t->es;
    return t->en ? t->en : "";
}

const char *module_name(Module m)
{
    return (unsigned)m < MODULE_COUNT ? module_names[m] : "";
}

const char *module_title(Module m, const char *lang)
{
    if ((unsigned)m >= MODULE_COUNT)
        return "";
    return lang_is_es(lang) ? module_titles_es[m] : module_titles_en[m];
}

bool module_parse(const char *name, Module *out)
{
    for (int i = 0; i < MODULE_COUNT; i++) {
        if (!strcmp(name, module_names[i])) {
            *out = (Module)i;
            return true;
        }
    }
    return false;
}

const char *step_kind_name(StepKind k)
{
    return (unsigned)k < (unsigned)COUNT(step_kind_names) ? step_kind_names[k] : "";
}

const char *instrument_style_name(InstrumentStyle s)
{
    return (unsigned)s < (unsigned)COUNT(style_names) ? style_names[s] : "";
}

const char *block_kind_name(BlockKind k)
{
    return (unsigned)k < (unsigned)COUNT(block_kind_names) ? block_kind_names[k] : "";
}

/* --- the arena: every item and text of the catalog ----------------------- */

/* Items are small and live as long as the catalog, so they come from large
 * chunks: no per-string malloc overhead, one free at the end, and a mark to
 * roll back to when a file turns out to be broken. */
#define CHUNK_SIZE (16 * 1024)

typedef struct Chunk {
    struct Chunk *prev;
    size_t size, used;
    max_align_t data[];
} Chunk;

typedef struct Arena {
    Chunk *head;
    size_t bytes; /* malloc'ed, headers included */
} Arena;

typedef struct ArenaMark {
    Chunk *head;
    size_t used;
} ArenaMark;

/* align is 1 for text, which needs none: padding every string to 16 bytes
 * would cost a tenth of the catalog. */
static void *arena_alloc_aligned(Arena *a, size_t n, size_t align)
{
    size_t start = a->head ? (a->head->used + align - 1) / align * align : 0;
    if (!a->head || start > a->head->size || a->head->size - start < n) {
        size_t size = n > CHUNK_SIZE ? n : CHUNK_SIZE;
        Chunk *c = malloc(sizeof(Chunk) + size);
        if (!c)
            return NULL;
        c->prev = a->head;
        c->size = size;
        c->used = 0;
        a->head = c;
        a->bytes += sizeof(Chunk) + size;
        start = 0; /* data is aligned for anything */
    }
    void *p = (char *)a->head->data + start;
    a->head->used = start + n;
    return p;
}

static void *arena_alloc(Arena *a, size_t n)
{
    return arena_alloc_aligned(a, n, _Alignof(max_align_t));
}

static ArenaMark arena_mark(const Arena *a)
{
    return (ArenaMark){a->head, a->head ? a->head->used : 0};
}

static void arena_rollback(Arena *a, ArenaMark m)
{
    while (a->head != m.head) {
        Chunk *c = a->head;
        a->head = c->prev;
        a->bytes -= sizeof(Chunk) + c->size;
        free(c);
    }
    if (a->head)
        a->head->used = m.used;
}

static void arena_free(Arena *a)
{
    arena_rollback(a, (ArenaMark){NULL, 0});
}

/* --- the catalog --------------------------------------------------------- */

/* The kinds kept in lists, and the crisis card, of which there is one. */
typedef enum Kind {
    KIND_INSTRUMENT,
    KIND_EXERCISE,
    KIND_PLAN,
    KIND_COUNT,
    KIND_CRISIS = KIND_COUNT
} Kind;

static const char *const kind_folder[KIND_COUNT] = {"instruments", "exercises", "plans"};
static const char *const kind_noun[KIND_COUNT + 1] = {"instrument", "exercise", "plan",
                                                      "crisis card"};

typedef struct PtrList {
    void **items;
    int count, cap;
} PtrList;

typedef struct IdList {
    char (*ids)[CATALOG_ID_MAX + 1];
    int count, cap;
} IdList;

struct Catalog {
    Arena arena;
    PtrList items[KIND_COUNT];
    const Crisis *crisis;
    IdList skipped[KIND_COUNT]; /* names of files that did not load */
    CatalogProblem *problems;
    int nproblems, problems_cap;
    bool oom;
    /* While catalog_load reads a folder: its .json files, sorted, so that a
     * copied file's stale id can be told apart from a plain typo. */
    char **siblings;
    int nsiblings;
};

static bool ptrlist_push(PtrList *l, void *p)
{
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        void **items = realloc(l->items, (size_t)cap * sizeof *items);
        if (!items)
            return false;
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = p;
    return true;
}

static bool idlist_push(IdList *l, const char *id)
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

static bool idlist_has(const IdList *l, const char *id)
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

static CatalogProblem *problem_new(Catalog *cat)
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

static void problem_add(Catalog *cat, const char *file, int line, bool warning, const char *fmt,
                        ...) PRINTF_LIKE(5, 6);
static void problem_add(Catalog *cat, const char *file, int line, bool warning, const char *fmt,
                        ...)
{
    CatalogProblem *p = problem_new(cat);
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

/* --- where each JSON value starts ---------------------------------------- */

typedef struct NodePos {
    uintptr_t node;
    uint32_t offset; /* of the member's name, or of the value in a list */
} NodePos;

#define SCAN_DEPTH_MAX 1100 /* beyond cJSON's nesting limit of 1000 */

/* Records where every value of a text cJSON accepted starts, in document
 * order: at its member name when it has one, since that is where a person
 * looks. Whitespace is what cJSON skips: every byte up to 32. Returns the
 * count, -1 when out of memory, -2 when nested deeper than cJSON allows. */
static long scan_values(const char *s, size_t n, NodePos **out)
{
    size_t cap = 64, count = 0;
    NodePos *pos = malloc(cap * sizeof *pos);
    char stack[SCAN_DEPTH_MAX];
    int depth = 0;
    bool expect_key = false;
    uint32_t key = UINT32_MAX;
    size_t i = 0;
    if (!pos)
        return -1;
    while (i < n) {
        unsigned char ch = (unsigned char)s[i];
        if (ch <= 32) {
            i++;
            continue;
        }
        if (ch == ',') {
            expect_key = depth > 0 && stack[depth - 1] == '{';
            i++;
            continue;
        }
        if (ch == ':') {
            i++;
            continue;
        }
        if (ch == '}' || ch == ']') {
            if (depth > 0)
                depth--;
            expect_key = false;
            i++;
            continue;
        }
        bool is_key = ch == '"' && expect_key;
        if (!is_key) {
            if (count == cap) {
                cap *= 2;
                NodePos *p = realloc(pos, cap * sizeof *pos);
                if (!p) {
                    free(pos);
                    return -1;
                }
                pos = p;
            }
            pos[count].node = 0;
            pos[count].offset = key == UINT32_MAX ? (uint32_t)i : key;
            count++;
            key = UINT32_MAX;
        }
        if (ch == '"') {
            if (is_key) {
                key = (uint32_t)i;
                expect_key = false;
            }
            for (i++; i < n && s[i] != '"'; i++)
                if (s[i] == '\\')
                    i++;
            i++;
        } else if (ch == '{' || ch == '[') {
            if (depth == SCAN_DEPTH_MAX) {
                free(pos);
                return -2;
            }
            stack[depth++] = (char)ch;
            expect_key = ch == '{';
            i++;
        } else {
            /* A number, true, false or null. */
            do
                i++;
            while (i < n && ((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'z') ||
                             (s[i] >= 'A' && s[i] <= 'Z') || s[i] == '+' || s[i] == '-' ||
                             s[i] == '.'));
        }
    }
    *out = pos;
    return (long)count;
}

/* Pairs each node with the next recorded position, in pre-order. */
static void tree_assign(const cJSON *node, NodePos *pos, long npos, long *next)
{
    for (; node; node = node->next) {
        if (*next < npos)
            pos[*next].node = (uintptr_t)node;
        ++*next;
        tree_assign(node->child, pos, npos, next);
    }
}

static int cmp_nodepos(const void *a, const void *b)
{
    uintptr_t x = ((const NodePos *)a)->node, y = ((const NodePos *)b)->node;
    return x < y ? -1 : x > y;
}

/* --- checking one file --------------------------------------------------- */

typedef struct Ctx {
    Catalog *cat;
    Kind kind;
    const char *label;
    char stem[256];   /* the file name without folder and .json */
    const char *src;  /* the text cJSON parsed (after a byte-order mark) */
    size_t len;
    cJSON *root;
    NodePos *pos;     /* built on the first problem; sorted by node */
    long npos;
    bool pos_tried;
    int first;        /* this file's first problem in cat->problems */
    int shown, errors, hidden;
    /* Fields reported as likely typos ("secnds" for "seconds"), so that
     * their absence is not reported a second time. */
    const cJSON *typo_obj[16];
    const char *typo_field[16];
    int ntypos;
} Ctx;

static int line_at(const Ctx *c, size_t off)
{
    int line = 1;
    for (size_t i = 0; i < off && i < c->len; i++)
        if (c->src[i] == '\n')
            line++;
    return line;
}

static void build_positions(Ctx *c)
{
    c->pos_tried = true;
    if (!c->root)
        return;
    NodePos *pos = NULL;
    long n = scan_values(c->src, c->len, &pos);
    if (n < 0) {
        c->cat->oom = c->cat->oom || n == -1;
        return; /* lines fall back to 1 */
    }
    long assigned = 0;
    tree_assign(c->root, pos, n, &assigned);
    if (assigned != n) {
        /* Cannot happen for a text cJSON accepted; say so rather than
         * point at wrong lines. */
        free(pos);
        problem_add(c->cat, c->label, 1, true,
                    "line numbers could not be worked out for this file, so its problems "
                    "point at line 1 (please tell Hearth's developers)");
        return;
    }
    qsort(pos, (size_t)n, sizeof *pos, cmp_nodepos);
    c->pos = pos;
    c->npos = n;
}

/* The line of a node: of its name when it is an object member, so that
 * "unknown field" and "too long" point where a person looks. */
static int line_of(Ctx *c, const cJSON *node)
{
    if (!node)
        return 1;
    if (!c->pos_tried)
        build_positions(c);
    if (!c->pos)
        return 1;
    NodePos key = {(uintptr_t)node, 0};
    const NodePos *p = bsearch(&key, c->pos, (size_t)c->npos, sizeof key, cmp_nodepos);
    if (!p)
        return 1;
    return line_at(c, p->offset);
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
    CatalogProblem *p = problem_new(c->cat);
    if (!p)
        return;
    c->shown++;
    snprintf(p->file, sizeof p->file, "%s", c->label);
    p->line = line;
    p->warning = warning;
    vsnprintf(p->message, sizeof p->message, fmt, ap);
}

static void report(Ctx *c, const cJSON *node, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void report(Ctx *c, const cJSON *node, const char *fmt, ...)
{
    int line = capped(c) ? 0 : line_of(c, node);
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, false, fmt, ap);
    va_end(ap);
}

static void warn(Ctx *c, const cJSON *node, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void warn(Ctx *c, const cJSON *node, const char *fmt, ...)
{
    int line = capped(c) ? 0 : line_of(c, node);
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, true, fmt, ap);
    va_end(ap);
}

/* A required field is absent: reported unless a misspelling of it was. */
static void report_missing(Ctx *c, const cJSON *obj, const char *field, const char *fmt, ...)
    PRINTF_LIKE(4, 5);
static void report_missing(Ctx *c, const cJSON *obj, const char *field, const char *fmt, ...)
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

static void report_line(Ctx *c, int line, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void report_line(Ctx *c, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    report_at(c, line, false, fmt, ap);
    va_end(ap);
}

static char *arena_strdup(Ctx *c, const char *s)
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
static const char *json_kind(const cJSON *v)
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

static const char *closest(const char *word, const char *const *names, int n)
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
static void check_fields(Ctx *c, const cJSON *obj, const char *const *allowed, int n,
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
                report(c, m, "\"%s\" appears twice in %s; keep only one", name, where);
            seen |= 1u << k;
            continue;
        }
        if (capped(c)) {
            report(c, m, "unknown field"); /* counted, not shown */
            continue;
        }
        const char *guess = closest(name, allowed, n);
        if (guess && c->ntypos < COUNT(c->typo_obj)) {
            c->typo_obj[c->ntypos] = obj;
            c->typo_field[c->ntypos++] = guess;
        }
        if (guess) {
            report(c, m, "unknown field \"%.60s\" in %s (did you mean \"%s\"?)", name, where,
                   guess);
        } else {
            char list[200];
            join_names(list, sizeof list, allowed, n);
            report(c, m, "unknown field \"%.60s\" in %s (the fields here are %s)", name, where,
                   list);
        }
    }
}

static const cJSON *member(const cJSON *obj, const char *name)
{
    return cJSON_GetObjectItemCaseSensitive(obj, name);
}

/* Characters, not bytes: the limits are what a person counts. The text was
 * checked as UTF-8 before parsing, and cJSON writes \u escapes as UTF-8. */
static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static bool is_blank(const char *s)
{
    for (; *s; s++)
        if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
            return false;
    return true;
}

static bool is_blank_n(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] > 32)
            return false;
    return true;
}

static const char *const lang_codes[] = {"en", "es"};
static const char *const lang_names[] = {"English", "Spanish"};

/* A translated text: {"en": "...", "es": "..."}, each 1 to max characters.
 * owner and what make the sentences: "step 3 has no Spanish prompt". An
 * absent optional text is empty in both languages. */
static bool get_text(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     const char *what, int max, bool required, const char *why, Text *out)
{
    out->en = out->es = "";
    const cJSON *v = member(obj, field);
    if (!v) {
        if (required)
            report_missing(c, obj, field,
                           "%s has no %s (\"%s\": {\"en\": \"...\", \"es\": \"...\"})", owner,
                           what, field);
        return !required;
    }
    if (!cJSON_IsObject(v)) {
        report(c, v, "%s's %s must be {\"en\": \"...\", \"es\": \"...\"}, not %s", owner, what,
               json_kind(v));
        return false;
    }
    char where[160];
    snprintf(where, sizeof where, "%s's %s", owner, what);
    check_fields(c, v, lang_codes, 2, where);
    bool ok = true;
    for (int i = 0; i < 2; i++) {
        const cJSON *t = member(v, lang_codes[i]);
        if (!t) {
            report(c, v, "%s has no %s %s (\"%s\")", owner, lang_names[i], what, lang_codes[i]);
            ok = false;
        } else if (!cJSON_IsString(t)) {
            report(c, t, "%s's %s %s must be text in quotes, not %s", owner, lang_names[i], what,
                   json_kind(t));
            ok = false;
        } else if (is_blank(t->valuestring)) {
            report(c, t, "%s's %s %s is empty", owner, lang_names[i], what);
            ok = false;
        } else if (utf8_chars(t->valuestring) > max) {
            report(c, t, "%s's %s %s is %d characters long; the limit is %d%s", owner,
                   lang_names[i], what, utf8_chars(t->valuestring), max, why ? why : "");
            ok = false;
        } else if (ok) {
            const char *s = arena_strdup(c, t->valuestring);
            if (!s)
                return false;
            if (i == 0)
                out->en = s;
            else
                out->es = s;
        }
    }
    return ok;
}

static bool whole_in(double v, int lo, int hi)
{
    return v >= lo && v <= hi && (double)(int)v == v;
}

/* A whole number from lo to hi. hint tells what the number means. */
static bool get_int(Ctx *c, const cJSON *obj, const char *field, const char *owner, int lo,
                    int hi, const char *hint, int *out)
{
    const cJSON *v = member(obj, field);
    if (!v) {
        report_missing(c, obj, field, "%s has no \"%s\" (%s, a whole number from %d to %d)", owner,
                       field, hint, lo, hi);
        return false;
    }
    if (cJSON_IsString(v)) {
        report(c, v, "%s's \"%s\" must be a number without quotes, not the text \"%.20s\"", owner,
               field, v->valuestring);
        return false;
    }
    if (!cJSON_IsNumber(v)) {
        report(c, v, "%s's \"%s\" must be a whole number from %d to %d, not %s", owner, field, lo,
               hi, json_kind(v));
        return false;
    }
    if (!whole_in(v->valuedouble, lo, hi)) {
        report(c, v, "%s's \"%s\" is %g; it must be a whole number from %d to %d (%s)", owner,
               field, v->valuedouble, lo, hi, hint);
        return false;
    }
    *out = (int)v->valuedouble;
    return true;
}

/* Any number; present tells whether it was there at all. */
static bool get_number(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                       bool *present, double *out)
{
    const cJSON *v = member(obj, field);
    *present = v != NULL;
    if (!v)
        return true;
    if (!cJSON_IsNumber(v)) {
        report(c, v, "%s's \"%s\" must be a number, not %s", owner, field, json_kind(v));
        return false;
    }
    *out = v->valuedouble;
    return true;
}

static bool get_bool(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     bool required, bool *out)
{
    const cJSON *v = member(obj, field);
    *out = false;
    if (!v) {
        if (required)
            report_missing(c, obj, field, "%s has no \"%s\" (true or false)", owner, field);
        return !required;
    }
    if (!cJSON_IsBool(v)) {
        report(c, v, "%s's \"%s\" must be true or false without quotes, not %s", owner, field,
               json_kind(v));
        return false;
    }
    *out = cJSON_IsTrue(v);
    return true;
}

/* One of names; the index goes to out. */
static bool get_enum(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                     const char *const *names, int n, int *out)
{
    char list[200];
    join_names(list, sizeof list, names, n);
    const cJSON *v = member(obj, field);
    if (!v) {
        report_missing(c, obj, field, "%s has no \"%s\" (one of %s)", owner, field, list);
        return false;
    }
    if (!cJSON_IsString(v)) {
        report(c, v, "%s's \"%s\" must be one of %s in quotes, not %s", owner, field, list,
               json_kind(v));
        return false;
    }
    for (int i = 0; i < n; i++) {
        if (!strcmp(v->valuestring, names[i])) {
            *out = i;
            return true;
        }
    }
    const char *guess = closest(v->valuestring, names, n);
    if (guess)
        report(c, v, "%s has the unknown %s \"%.40s\" (did you mean \"%s\"?)", owner, field,
               v->valuestring, guess);
    else
        report(c, v, "%s has the unknown %s \"%.40s\"; use one of %s", owner, field,
               v->valuestring, list);
    return false;
}

static bool id_is_valid(const char *s)
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
static bool get_ref(Ctx *c, const cJSON *obj, const char *field, const char *owner,
                    bool required, char out[CATALOG_ID_MAX + 1], const cJSON **node)
{
    const cJSON *v = member(obj, field);
    out[0] = '\0';
    *node = v;
    if (!v) {
        if (required)
            report_missing(c, obj, field, "%s has no \"%s\"", owner, field);
        return !required;
    }
    if (!cJSON_IsString(v)) {
        report(c, v, "%s's \"%s\" must be an id in quotes, not %s", owner, field, json_kind(v));
        return false;
    }
    if (!id_is_valid(v->valuestring)) {
        report(c, v,
               "%s's \"%s\" is \"%.60s\", which is not an id: ids are 1 to 48 characters of "
               "a-z, 0-9 and -",
               owner, field, v->valuestring);
        return false;
    }
    snprintf(out, CATALOG_ID_MAX + 1, "%s", v->valuestring);
    return true;
}

static const void *catalog_find(const Catalog *cat, Kind kind, const char *id);

/* A reference to an item of kind that must already be in the catalog;
 * what reads "block 2 suggests the exercise". */
static bool check_ref(Ctx *c, const cJSON *node, Kind kind, const char *what, const char *id)
{
    if (catalog_find(c->cat, kind, id))
        return true;
    if (idlist_has(&c->cat->skipped[kind], id))
        report(c, node,
               "%s \"%s\", but %s/%s.json has problems of its own (listed with it) and was "
               "not loaded",
               what, id, kind_folder[kind], id);
    else
        report(c, node, "%s \"%s\", but there is no %s/%s.json", what, id, kind_folder[kind], id);
    return false;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool sibling_exists(const Catalog *cat, const char *name)
{
    if (!cat->siblings)
        return false;
    const char *key = name;
    return bsearch(&key, cat->siblings, (size_t)cat->nsiblings, sizeof *cat->siblings,
                   cmp_str) != NULL;
}

/* The item's own id: valid, equal to the file name, not taken. */
static bool get_own_id(Ctx *c, const cJSON *root, char out[CATALOG_ID_MAX + 1])
{
    const char *noun = kind_noun[c->kind];
    const cJSON *v = member(root, "id");
    if (!v) {
        if (id_is_valid(c->stem))
            report_missing(c, root, "id", "the %s has no \"id\"; add \"id\": \"%s\"", noun,
                           c->stem);
        else
            report_missing(c, root, "id", "the %s has no \"id\"", noun);
        return false;
    }
    if (!cJSON_IsString(v)) {
        report(c, v, "the \"id\" must be text in quotes, not %s", json_kind(v));
        return false;
    }
    const char *id = v->valuestring;
    if (!id_is_valid(id)) {
        report(c, v,
               "the id \"%.60s\" is not valid: ids are 1 to 48 characters of a-z, 0-9 and -, "
               "and the file is named after it",
               id);
        return false;
    }
    char other[CATALOG_ID_MAX + 8];
    snprintf(other, sizeof other, "%s.json", id);
    bool taken = catalog_find(c->cat, c->kind, id) != NULL;
    if (strcmp(id, c->stem) != 0) {
        if (!id_is_valid(c->stem))
            report(c, v,
                   "the file name \"%.60s\" cannot be an id: name the file after its id, "
                   "\"%s.json\", using only a-z, 0-9 and -",
                   c->stem, id);
        else if (taken || sibling_exists(c->cat, other))
            report(c, v,
                   "the id \"%s\" is already used by %s/%s: give this %s its own id, \"%s\", "
                   "to match its file name",
                   id, kind_folder[c->kind], other, noun, c->stem);
        else
            report(c, v, "the id \"%s\" does not match the file name: it must be \"%s\"", id,
                   c->stem);
        return false;
    }
    if (taken) {
        report(c, v, "the id \"%s\" is already used by another %s loaded before this file", id,
               noun);
        return false;
    }
    snprintf(out, CATALOG_ID_MAX + 1, "%s", id);
    return true;
}

static bool require_object(Ctx *c, const cJSON *root)
{
    if (cJSON_IsObject(root))
        return true;
    report(c, root, "the file must hold one JSON object {...} describing the %s, not %s",
           kind_noun[c->kind], json_kind(root));
    return false;
}

/* --- exercises ----------------------------------------------------------- */

static const char *const exercise_fields[] = {"id",     "module",   "title",     "summary",
                                              "rating", "personal", "disclosure", "steps"};
static const char *const rating_fields[] = {"instrument", "before", "after"};
static const char *const step_fields[] = {"kind",  "seconds", "untimed",
                                          "prompt", "notes",   "pattern"};
static const char *const pattern_parts[] = {"breath in", "hold after breathing in",
                                            "breath out", "hold after breathing out"};

static bool parse_pattern(Ctx *c, const cJSON *v, const char *owner, int pattern[4])
{
    if (!cJSON_IsArray(v) || cJSON_GetArraySize(v) != 4) {
        report(c, v,
               "%s's \"pattern\" must be four whole numbers of seconds [in, hold, out, hold], "
               "such as [4, 0, 6, 0]",
               owner);
        return false;
    }
    bool ok = true;
    int i = 0;
    for (const cJSON *e = v->child; e; e = e->next, i++) {
        if (!cJSON_IsNumber(e) || !whole_in(e->valuedouble, 0, 20)) {
            if (cJSON_IsNumber(e))
                report(c, e,
                       "%s's pattern has %g for the %s; each part is a whole number of seconds "
                       "from 0 to 20",
                       owner, e->valuedouble, pattern_parts[i]);
            else
                report(c, e,
                       "%s's pattern has %s for the %s; each part is a whole number of seconds "
                       "from 0 to 20",
                       owner, json_kind(e), pattern_parts[i]);
            ok = false;
            continue;
        }
        pattern[i] = (int)e->valuedouble;
        if ((i == PATTERN_IN || i == PATTERN_OUT) && pattern[i] < 1) {
            report(c, e, "%s's pattern has 0 seconds for the %s; breathing in and out take at "
                         "least 1 second",
                   owner, pattern_parts[i]);
            ok = false;
        }
    }
    return ok;
}

static bool parse_step(Ctx *c, const cJSON *s, int index, Step *out)
{
    char owner[32];
    snprintf(owner, sizeof owner, "step %d", index + 1);
    memset(out, 0, sizeof *out); /* the caller sums seconds even when broken */
    if (!cJSON_IsObject(s)) {
        report(c, s, "%s must be an object {\"kind\": ..., \"seconds\": ..., \"prompt\": ...}, "
                     "not %s",
               owner, json_kind(s));
        return false;
    }
    check_fields(c, s, step_fields, COUNT(step_fields), owner);
    int kind = 0;
    bool kind_ok = get_enum(c, s, "kind", owner, step_kind_names, COUNT(step_kind_names), &kind);
    out->kind = (StepKind)kind;
    bool ok = kind_ok;
    bool seconds_ok =
        get_int(c, s, "seconds", owner, 5, 3600, "how long the step lasts", &out->seconds);
    ok = seconds_ok && ok;
    bool untimed_ok = get_bool(c, s, "untimed", owner, false, &out->untimed);
    ok = untimed_ok && ok;
    if (kind_ok && untimed_ok && out->untimed && out->kind == STEP_BREATHE) {
        report(c, member(s, "untimed"),
               "%s is a breathe step, which the pacer times, so it cannot be \"untimed\"",
               owner);
        ok = false;
    } else if (kind_ok && seconds_ok && untimed_ok && out->kind == STEP_GROUP && !out->untimed &&
               out->seconds < CATALOG_GROUP_MIN_SECONDS) {
        /* Eight to twelve people cannot speak in a minute or two: a timer
         * that runs out mid-sentence cuts someone off. */
        report(c, member(s, "seconds"),
               "%s is a group discussion timed to %d seconds, too short for a room of 8 to 12 "
               "to speak: add \"untimed\": true, so that the facilitator moves on and the "
               "seconds are a guide for planning, or give it at least %d seconds",
               owner, out->seconds, CATALOG_GROUP_MIN_SECONDS);
        ok = false;
    }
    ok = get_text(c, s, "prompt", owner, "prompt", 220, true,
                  ", so that it reads from four metres away", &out->prompt) && ok;
    ok = get_text(c, s, "notes", owner, "note", 600, false, NULL, &out->notes) && ok;
    const cJSON *pattern = member(s, "pattern");
    if (kind_ok && out->kind == STEP_BREATHE && !pattern) {
        report(c, s,
               "%s is a breathe step but has no \"pattern\": add the seconds to breathe in, "
               "hold, breathe out and hold, such as \"pattern\": [4, 0, 6, 0]",
               owner);
        ok = false;
    } else if (kind_ok && out->kind != STEP_BREATHE && pattern) {
        report(c, pattern,
               "%s is a %s step, so it must not have a \"pattern\" (only breathe steps do)",
               owner, step_kind_names[out->kind]);
        ok = false;
    } else if (kind_ok && pattern) {
        ok = parse_pattern(c, pattern, owner, out->pattern) && ok;
    }
    if (ok && out->kind == STEP_BREATHE) {
        int cycle = out->pattern[0] + out->pattern[1] + out->pattern[2] + out->pattern[3];
        if (out->seconds % cycle != 0) {
            int lo = out->seconds / cycle * cycle, hi = lo + cycle;
            char fit[64];
            if (lo >= 5 && hi <= 3600)
                snprintf(fit, sizeof fit, "%d or %d seconds would fit", lo, hi);
            else
                snprintf(fit, sizeof fit, "%d seconds would fit", lo >= 5 ? lo : hi);
            warn(c, member(s, "seconds"),
                 "%s lasts %d seconds, which is not a whole number of %d-second breathing "
                 "cycles, so the pacer stops mid-breath (%s)",
                 owner, out->seconds, cycle, fit);
        }
    }
    return ok;
}

static Exercise *parse_exercise(Ctx *c, const cJSON *root)
{
    if (!require_object(c, root))
        return NULL;
    Exercise *ex = arena_alloc(&c->cat->arena, sizeof *ex);
    if (!ex) {
        c->cat->oom = true;
        return NULL;
    }
    memset(ex, 0, sizeof *ex);
    const char *owner = "the exercise";
    check_fields(c, root, exercise_fields, COUNT(exercise_fields), owner);
    bool ok = get_own_id(c, root, ex->id);
    int module = 0;
    ok = get_enum(c, root, "module", owner, module_names, MODULE_COUNT, &module) && ok;
    ex->module = (Module)module;
    ok = get_text(c, root, "title", owner, "title", 60, true, NULL, &ex->title) && ok;
    ok = get_text(c, root, "summary", owner, "summary", 200, true, NULL, &ex->summary) && ok;

    const cJSON *rating = member(root, "rating");
    if (rating && !cJSON_IsObject(rating)) {
        report(c, rating,
               "\"rating\" must be an object such as {\"instrument\": \"distress\", "
               "\"before\": true, \"after\": true}, not %s",
               json_kind(rating));
        ok = false;
    } else if (rating) {
        const char *rowner = "the rating";
        check_fields(c, rating, rating_fields, COUNT(rating_fields), rowner);
        const cJSON *ref;
        bool rok = get_ref(c, rating, "instrument", rowner, true, ex->instrument, &ref);
        rok = get_bool(c, rating, "before", rowner, false, &ex->rate_before) && rok;
        rok = get_bool(c, rating, "after", rowner, false, &ex->rate_after) && rok;
        if (rok && !ex->rate_before && !ex->rate_after) {
            report(c, rating,
                   "the rating asks neither before nor after: set \"before\" or \"after\" to "
                   "true, or remove \"rating\"");
            rok = false;
        }
        if (rok)
            rok = check_ref(c, ref, KIND_INSTRUMENT, "the exercise is rated with the instrument",
                            ex->instrument);
        ok = rok && ok;
    }

    bool said_personal = false;
    ok = get_bool(c, root, "personal", owner, false, &said_personal) && ok;
    const cJSON *disclosure = member(root, "disclosure");
    if (cJSON_IsString(disclosure)) {
        if (strcmp(disclosure->valuestring, "standard") != 0) {
            report(c, disclosure,
                   "\"disclosure\" is \"%.40s\"; write \"standard\" for the note in "
                   "crisis.json, or the exercise's own note as {\"en\": \"...\", \"es\": "
                   "\"...\"}",
                   disclosure->valuestring);
            ok = false;
        } else if (c->cat->crisis) {
            ex->disclosure = c->cat->crisis->disclosure_note;
        } else {
            /* crisis.json is missing or broken and says so itself; the
             * exercise still runs. */
            ex->disclosure = (Text){"", ""};
        }
    } else {
        ok = get_text(c, root, "disclosure", owner, "disclosure note", 600, false, NULL,
                      &ex->disclosure) && ok;
    }

    const cJSON *steps = member(root, "steps");
    int n = steps ? cJSON_GetArraySize(steps) : 0;
    if (!steps) {
        report_missing(c, root, "steps", "the exercise has no \"steps\" (a list of 1 to %d steps)",
                       CATALOG_MAX_STEPS);
        ok = false;
    } else if (!cJSON_IsArray(steps)) {
        report(c, steps, "\"steps\" must be a list [...] of steps, not %s", json_kind(steps));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_STEPS) {
        report(c, steps, "the exercise has %d steps; it must have 1 to %d", n,
               CATALOG_MAX_STEPS);
        ok = false;
    } else {
        Step *st = arena_alloc(&c->cat->arena, (size_t)n * sizeof *st);
        if (!st) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0, talk = -1;
        const cJSON *talk_node = NULL;
        for (const cJSON *s = steps->child; s; s = s->next, i++) {
            ok = parse_step(c, s, i, &st[i]) && ok;
            ex->total_seconds += st[i].seconds;
            if (talk < 0 && (st[i].kind == STEP_PAIRS || st[i].kind == STEP_GROUP)) {
                talk = i;
                talk_node = s;
            }
        }
        ex->steps = st;
        ex->nsteps = n;
        ex->personal = said_personal || talk >= 0;
        /* Whoever is invited to speak about their own life may disclose
         * risk; the facilitator needs to know what to do before it
         * happens, not look it up after. */
        if (ex->personal && !disclosure) {
            char why[80];
            if (said_personal)
                snprintf(why, sizeof why, "it says \"personal\": true");
            else
                snprintf(why, sizeof why, "step %d is a %s step", talk + 1,
                         st[talk].kind == STEP_PAIRS ? "pairs" : "group");
            report(c, said_personal ? member(root, "personal") : talk_node,
                   "the exercise invites personal material (%s), so it needs a note on "
                   "disclosures for the facilitator: add \"disclosure\": \"standard\" (the note "
                   "in crisis.json) or its own {\"en\": \"...\", \"es\": \"...\"}",
                   why);
            ok = false;
        }
    }
    return ok ? ex : NULL;
}

/* --- instruments --------------------------------------------------------- */

static const char *const instrument_fields[] = {
    "id",     "title",          "prompt",          "min",           "max",
    "style",  "labels",         "higher_is_better", "validity",     "source",
    "reference_line", "reference_label", "marked_change", "offer_help", "ask_room"};
static const char *const label_fields[] = {"min", "mid", "max"};
static const char *const ask_room_fields[] = {"answers", "note"};

/* Words that claim a line means something clinically: only a published
 * source can back them, never a clinic's choice on one unvalidated item.
 * Spanish "clínica" alone is left out: it is also "the clinic". */
static const char *const claim_words[] = {
    "clinical",    "clinically",  "cutoff",       "cut-off",     "cut off",
    "threshold",   "clínico",     "clínicos",     "clínicamente", "línea clínica",
    "relevancia clínica", "significación clínica", "significancia clínica",
    "punto de corte", "umbral"};

static unsigned char ascii_lower(unsigned char ch)
{
    return ch >= 'A' && ch <= 'Z' ? (unsigned char)(ch + ('a' - 'A')) : ch;
}

/* The first claim word in s, compared without regard to ASCII case. */
static const char *claim_in(const char *s)
{
    for (int i = 0; i < COUNT(claim_words); i++) {
        size_t n = strlen(claim_words[i]);
        for (const char *p = s; *p; p++) {
            size_t k = 0;
            while (k < n && p[k] &&
                   ascii_lower((unsigned char)p[k]) == (unsigned char)claim_words[i][k])
                k++;
            if (k == n)
                return claim_words[i];
        }
    }
    return NULL;
}

/* Plain text in quotes (a citation, a phone number), 1 to max characters,
 * or absent when optional ("" then). */
static bool get_plain(Ctx *c, const cJSON *obj, const char *field, const char *owner, int max,
                      bool required, const char **out)
{
    const cJSON *v = member(obj, field);
    *out = "";
    if (!v) {
        if (required)
            report_missing(c, obj, field, "%s has no \"%s\"", owner, field);
        return !required;
    }
    if (!cJSON_IsString(v)) {
        report(c, v, "%s's \"%s\" must be text in quotes, not %s", owner, field, json_kind(v));
        return false;
    }
    if (is_blank(v->valuestring)) {
        report(c, v, "%s's \"%s\" is empty", owner, field);
        return false;
    }
    if (utf8_chars(v->valuestring) > max) {
        report(c, v, "%s's \"%s\" is %d characters long; the limit is %d", owner, field,
               utf8_chars(v->valuestring), max);
        return false;
    }
    const char *copy = arena_strdup(c, v->valuestring);
    if (!copy)
        return false;
    *out = copy;
    return true;
}

/* A list of answers on the scale min..max, as bits of out. */
static bool get_answers(Ctx *c, const cJSON *v, const char *what, int min, int max,
                        uint16_t *out)
{
    *out = 0;
    if (!cJSON_IsArray(v)) {
        report(c, v, "%s must be a list of answers such as [%d, %d], or [] for none, not %s",
               what, max - 1, max, json_kind(v));
        return false;
    }
    bool ok = true;
    for (const cJSON *e = v->child; e; e = e->next) {
        if (!cJSON_IsNumber(e) || !whole_in(e->valuedouble, min, max)) {
            if (cJSON_IsNumber(e))
                report(c, e, "%s has %g, which is not an answer on the scale %d to %d", what,
                       e->valuedouble, min, max);
            else
                report(c, e, "%s has %s; each answer is a whole number from %d to %d", what,
                       json_kind(e), min, max);
            ok = false;
            continue;
        }
        *out |= (uint16_t)(1u << (int)e->valuedouble);
    }
    return ok;
}

static Instrument *parse_instrument(Ctx *c, const cJSON *root)
{
    if (!require_object(c, root))
        return NULL;
    Instrument *in = arena_alloc(&c->cat->arena, sizeof *in);
    if (!in) {
        c->cat->oom = true;
        return NULL;
    }
    memset(in, 0, sizeof *in);
    const char *owner = "the instrument";
    check_fields(c, root, instrument_fields, COUNT(instrument_fields), owner);
    bool ok = get_own_id(c, root, in->id);
    ok = get_text(c, root, "title", owner, "title", 60, true, NULL, &in->title) && ok;
    ok = get_text(c, root, "prompt", owner, "prompt", 220, true,
                  ", so that it reads from across the room", &in->prompt) && ok;
    bool range = get_int(c, root, "min", owner, 0, 10, "the lowest answer", &in->min);
    range = get_int(c, root, "max", owner, 0, 10, "the highest answer", &in->max) && range;
    if (range && in->min >= in->max) {
        report(c, member(root, "max"), "\"max\" (%d) must be greater than \"min\" (%d)", in->max,
               in->min);
        range = false;
    }
    ok = ok && range;
    int style = 0;
    bool sok = get_enum(c, root, "style", owner, style_names, COUNT(style_names), &style);
    in->style = (InstrumentStyle)style;
    if (sok && range && in->style == INSTRUMENT_FACES && (in->min != 1 || in->max != 5)) {
        report(c, member(root, "style"),
               "the \"faces\" style shows five faces, so it needs \"min\": 1 and \"max\": 5; "
               "use \"buttons\" or \"slider\" for %d to %d",
               in->min, in->max);
        sok = false;
    }
    ok = ok && sok;

    const cJSON *labels = member(root, "labels");
    if (!labels) {
        report_missing(c, root, "labels",
                       "the instrument has no \"labels\" (words for the lowest and highest "
                       "answers: \"labels\": {\"min\": {...}, \"max\": {...}})");
        ok = false;
    } else if (!cJSON_IsObject(labels)) {
        report(c, labels, "\"labels\" must be an object {\"min\": ..., \"max\": ...}, not %s",
               json_kind(labels));
        ok = false;
    } else {
        check_fields(c, labels, label_fields, COUNT(label_fields), "the labels");
        ok = get_text(c, labels, "min", owner, "label for the lowest answer", 40, true, NULL,
                      &in->label_min) && ok;
        ok = get_text(c, labels, "mid", owner, "label for the middle", 40, false, NULL,
                      &in->label_mid) && ok;
        ok = get_text(c, labels, "max", owner, "label for the highest answer", 40, true, NULL,
                      &in->label_max) && ok;
    }
    bool hib_ok = get_bool(c, root, "higher_is_better", owner, true, &in->higher_is_better);
    ok = hib_ok && ok;
    ok = get_text(c, root, "validity", owner, "validity statement", 200, true,
                  " (say plainly what the measure is, such as \"Not a validated measure: one "
                  "question written for this program\")",
                  &in->validity) && ok;
    ok = get_plain(c, root, "source", owner, 300, false, &in->source) && ok;

    if (!get_number(c, root, "reference_line", owner, &in->has_reference_line,
                    &in->reference_line)) {
        ok = false;
    } else if (in->has_reference_line && range &&
               !(in->reference_line >= in->min && in->reference_line <= in->max)) {
        report(c, member(root, "reference_line"),
               "the \"reference_line\" %g is outside the scale %d to %d", in->reference_line,
               in->min, in->max);
        ok = false;
    }
    bool label_ok = get_text(c, root, "reference_label", owner, "reference label", 60, false,
                             NULL, &in->reference_label);
    ok = label_ok && ok;
    if (label_ok && in->reference_label.en[0] && !in->has_reference_line) {
        report(c, member(root, "reference_label"),
               "the \"reference_label\" names a line, but there is no \"reference_line\"");
        ok = false;
    }
    if (label_ok && !in->source[0]) {
        const char *word = claim_in(in->reference_label.en);
        if (!word)
            word = claim_in(in->reference_label.es);
        if (word) {
            /* A clinic's line on one unvalidated question is not a
             * clinical cutoff, and the charts must not say it is. */
            report(c, member(root, "reference_label"),
                   "the reference line is labelled with \"%s\", a claim only a validated "
                   "measure can make: add the \"source\" that establishes it, or call it what "
                   "it is, such as \"a line the clinic set\"",
                   word);
            ok = false;
        }
    }
    if (!get_number(c, root, "marked_change", owner, &in->has_marked_change,
                    &in->marked_change)) {
        ok = false;
    } else if (in->has_marked_change && !(in->marked_change > 0)) {
        report(c, member(root, "marked_change"),
               "the \"marked_change\" is %g; it must be more than 0", in->marked_change);
        ok = false;
    }

    const cJSON *offer = member(root, "offer_help");
    if (offer && range) {
        ok = get_answers(c, offer, "\"offer_help\"", in->min, in->max, &in->offer_help) && ok;
    } else if (range && hib_ok) {
        /* The two worst answers of the scale. */
        int worst = in->higher_is_better ? in->min : in->max;
        int next = in->higher_is_better ? in->min + 1 : in->max - 1;
        in->offer_help = (uint16_t)(1u << worst | 1u << next);
    }
    const cJSON *ask = member(root, "ask_room");
    if (ask && !cJSON_IsObject(ask)) {
        report(c, ask,
               "\"ask_room\" must be an object {\"answers\": [...], \"note\": {\"en\": ..., "
               "\"es\": ...}}, not %s",
               json_kind(ask));
        ok = false;
    } else if (ask) {
        check_fields(c, ask, ask_room_fields, COUNT(ask_room_fields), "\"ask_room\"");
        const cJSON *answers = member(ask, "answers");
        if (!answers) {
            report_missing(c, ask, "answers",
                           "\"ask_room\" has no \"answers\" (the answers that prompt it)");
            ok = false;
        } else if (range) {
            ok = get_answers(c, answers, "\"ask_room\"'s \"answers\"", in->min, in->max,
                             &in->ask_room) && ok;
        }
        ok = get_text(c, ask, "note", "\"ask_room\"", "note", 300, true, NULL,
                      &in->ask_room_note) && ok;
    } else {
        in->ask_room_note = (Text){"", ""};
    }
    return ok ? in : NULL;
}

bool instrument_offers_help(const Instrument *in, int value)
{
    return value >= 0 && value <= 15 && (in->offer_help >> value & 1u);
}

bool instrument_asks_room(const Instrument *in, int value)
{
    return value >= 0 && value <= 15 && (in->ask_room >> value & 1u);
}

/* --- plans --------------------------------------------------------------- */

static const char *const plan_fields[] = {"id", "title", "minutes", "blocks"};
static const char *const block_fields[] = {"kind", "minutes", "title", "exercise",
                                           "instrument"};

static bool parse_block(Ctx *c, const cJSON *b, int index, PlanBlock *out)
{
    char owner[32];
    snprintf(owner, sizeof owner, "block %d", index + 1);
    memset(out, 0, sizeof *out);
    if (!cJSON_IsObject(b)) {
        report(c, b, "%s must be an object {\"kind\": ..., \"minutes\": ..., \"title\": ...}, "
                     "not %s",
               owner, json_kind(b));
        return false;
    }
    check_fields(c, b, block_fields, COUNT(block_fields), owner);
    int kind = 0;
    bool kind_ok =
        get_enum(c, b, "kind", owner, block_kind_names, COUNT(block_kind_names), &kind);
    out->kind = (BlockKind)kind;
    bool minutes_ok =
        get_int(c, b, "minutes", owner, 1, 240, "how long the block lasts", &out->minutes);
    bool ok = kind_ok && minutes_ok;
    ok = get_text(c, b, "title", owner, "title", 60, true, NULL, &out->title) && ok;
    const cJSON *ref;
    char what_ex[64], what_in[64];
    snprintf(what_ex, sizeof what_ex, "%s suggests the exercise", owner);
    snprintf(what_in, sizeof what_in, "%s rates with the instrument", owner);
    if (get_ref(c, b, "exercise", owner, false, out->exercise, &ref)) {
        if (out->exercise[0] && check_ref(c, ref, KIND_EXERCISE, what_ex, out->exercise)) {
            /* The exercise, and the rating rounds it asks for, must fit
             * the block, or the plan quietly runs over. */
            const Exercise *ex = catalog_exercise(c->cat, out->exercise);
            int rounds = ex->rate_before + ex->rate_after;
            int need = ex->total_seconds + rounds * CATALOG_ROUND_SECONDS;
            int need_min = (need + 59) / 60;
            if (minutes_ok && out->minutes < need_min) {
                char why[96] = "";
                if (rounds)
                    snprintf(why, sizeof why, " and %d rating round%s of about %d minutes",
                             rounds, rounds == 1 ? "" : "s", CATALOG_ROUND_SECONDS / 60);
                report(c, member(b, "minutes"),
                       "%s gives \"%s\" %d minutes, but the exercise takes %d:%02d%s: give "
                       "the block at least %d minutes",
                       owner, out->exercise, out->minutes, ex->total_seconds / 60,
                       ex->total_seconds % 60, why, need_min);
                ok = false;
            }
        } else if (out->exercise[0]) {
            ok = false;
        }
    } else {
        ok = false;
    }
    if (get_ref(c, b, "instrument", owner, false, out->instrument, &ref)) {
        if (out->instrument[0]) {
            ok = check_ref(c, ref, KIND_INSTRUMENT, what_in, out->instrument) && ok;
            if (ok && out->kind != BLOCK_RATING)
                warn(c, ref,
                     "%s is a %s block; an \"instrument\" is only used by rating blocks, so it "
                     "is ignored here",
                     owner, block_kind_names[out->kind]);
        }
    } else {
        ok = false;
    }
    if (kind_ok && minutes_ok && out->kind == BLOCK_RATING &&
        out->minutes * 60 < CATALOG_ROUND_SECONDS) {
        report(c, member(b, "minutes"),
               "%s is a rating round of %d minute; people come up to the screen one at a time, "
               "so give it at least %d minutes",
               owner, out->minutes, CATALOG_ROUND_SECONDS / 60);
        ok = false;
    }
    return ok;
}

static Plan *parse_plan(Ctx *c, const cJSON *root)
{
    if (!require_object(c, root))
        return NULL;
    Plan *plan = arena_alloc(&c->cat->arena, sizeof *plan);
    if (!plan) {
        c->cat->oom = true;
        return NULL;
    }
    memset(plan, 0, sizeof *plan);
    const char *owner = "the plan";
    check_fields(c, root, plan_fields, COUNT(plan_fields), owner);
    bool ok = get_own_id(c, root, plan->id);
    ok = get_text(c, root, "title", owner, "title", 60, true, NULL, &plan->title) && ok;
    const cJSON *blocks = member(root, "blocks");
    int n = blocks ? cJSON_GetArraySize(blocks) : 0;
    if (!blocks) {
        report_missing(c, root, "blocks", "the plan has no \"blocks\" (a list of 1 to %d blocks)",
                       CATALOG_MAX_BLOCKS);
        ok = false;
    } else if (!cJSON_IsArray(blocks)) {
        report(c, blocks, "\"blocks\" must be a list [...] of blocks, not %s", json_kind(blocks));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_BLOCKS) {
        report(c, blocks, "the plan has %d blocks; it must have 1 to %d", n, CATALOG_MAX_BLOCKS);
        ok = false;
    } else {
        PlanBlock *bl = arena_alloc(&c->cat->arena, (size_t)n * sizeof *bl);
        if (!bl) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0;
        bool all_minutes = true;
        for (const cJSON *b = blocks->child; b; b = b->next, i++) {
            ok = parse_block(c, b, i, &bl[i]) && ok;
            plan->total_minutes += bl[i].minutes;
            all_minutes = all_minutes && bl[i].minutes > 0;
        }
        plan->blocks = bl;
        plan->nblocks = n;
        if (member(root, "minutes")) {
            int minutes = 0;
            if (!get_int(c, root, "minutes", owner, 1, 1440, "how long the session lasts",
                         &minutes)) {
                ok = false;
            } else if (all_minutes && plan->total_minutes != minutes) {
                report(c, member(root, "minutes"),
                       "the plan lasts %d minutes, but its blocks add up to %d: %s", minutes,
                       plan->total_minutes,
                       plan->total_minutes > minutes ? "shorten or drop a block"
                                                     : "lengthen a block or add one");
                ok = false;
            }
        }
    }
    return ok ? plan : NULL;
}

/* --- the crisis card ---------------------------------------------------- */

static const char *const crisis_fields[] = {"title",          "lines",          "clinic_heading",
                                            "clinic_missing", "disclosure_note"};
static const char *const crisis_line_fields[] = {"number", "text"};

static Crisis *parse_crisis(Ctx *c, const cJSON *root)
{
    if (!require_object(c, root))
        return NULL;
    if (c->cat->crisis) {
        report(c, root, "there is already a crisis card; a catalog holds one");
        return NULL;
    }
    Crisis *cr = arena_alloc(&c->cat->arena, sizeof *cr);
    if (!cr) {
        c->cat->oom = true;
        return NULL;
    }
    memset(cr, 0, sizeof *cr);
    const char *owner = "the crisis card";
    check_fields(c, root, crisis_fields, COUNT(crisis_fields), owner);
    bool ok = get_text(c, root, "title", owner, "title", 60, true, NULL, &cr->title);
    ok = get_text(c, root, "clinic_heading", owner, "heading for the clinic's numbers", 60,
                  true, NULL, &cr->clinic_heading) && ok;
    ok = get_text(c, root, "clinic_missing", owner, "text for a clinic without numbers", 160,
                  true, NULL, &cr->clinic_missing) && ok;
    ok = get_text(c, root, "disclosure_note", owner, "disclosure note", 600, true, NULL,
                  &cr->disclosure_note) && ok;
    const cJSON *lines = member(root, "lines");
    int n = lines ? cJSON_GetArraySize(lines) : 0;
    if (!lines) {
        report_missing(c, root, "lines", "the crisis card has no \"lines\" (a list of 1 to %d)",
                       CATALOG_MAX_CRISIS_LINES);
        ok = false;
    } else if (!cJSON_IsArray(lines)) {
        report(c, lines, "\"lines\" must be a list [...], not %s", json_kind(lines));
        ok = false;
    } else if (n < 1 || n > CATALOG_MAX_CRISIS_LINES) {
        report(c, lines, "the crisis card has %d lines; it must have 1 to %d", n,
               CATALOG_MAX_CRISIS_LINES);
        ok = false;
    } else {
        CrisisLine *cl = arena_alloc(&c->cat->arena, (size_t)n * sizeof *cl);
        if (!cl) {
            c->cat->oom = true;
            return NULL;
        }
        int i = 0;
        for (const cJSON *l = lines->child; l; l = l->next, i++) {
            char lowner[32];
            snprintf(lowner, sizeof lowner, "line %d", i + 1);
            cl[i] = (CrisisLine){"", {"", ""}};
            if (!cJSON_IsObject(l)) {
                report(c, l, "%s must be an object {\"number\": ..., \"text\": ...}, not %s",
                       lowner, json_kind(l));
                ok = false;
                continue;
            }
            check_fields(c, l, crisis_line_fields, COUNT(crisis_line_fields), lowner);
            ok = get_plain(c, l, "number", lowner, 40, true, &cl[i].number) && ok;
            ok = get_text(c, l, "text", lowner, "text", 160, true, NULL, &cl[i].text) && ok;
        }
        cr->lines = cl;
        cr->nlines = n;
    }
    return ok ? cr : NULL;
}

/* --- the text itself ----------------------------------------------------- */

/* Offset of the first byte that is not UTF-8 (or is a NUL), or len. */
static size_t utf8_invalid_at(const unsigned char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char b = s[i];
        if (b == 0)
            return i;
        if (b < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t cp;
        if (b >= 0xC2 && b <= 0xDF) {
            n = 2;
            cp = b & 0x1F;
        } else if (b >= 0xE0 && b <= 0xEF) {
            n = 3;
            cp = b & 0x0F;
        } else if (b >= 0xF0 && b <= 0xF4) {
            n = 4;
            cp = b & 0x07;
        } else {
            return i;
        }
        if (len - i < n)
            return i;
        for (size_t k = 1; k < n; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = cp << 6 | (s[i + k] & 0x3F);
        }
        if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n;
    }
    return len;
}

/* The token at off, for "the JSON is broken at ...": a quoted name, a
 * word or number, or one character. */
static void snippet(const char *s, size_t len, size_t off, char *out, size_t n)
{
    size_t end = off;
    if (off < len && s[off] == '"') {
        for (end = off + 1; end < len && end - off < 32 && s[end] != '"' && s[end] != '\n'; end++)
            ;
        if (end < len && s[end] == '"')
            end++;
    } else {
        while (end < len && end - off < 24 &&
               ((s[end] >= 'a' && s[end] <= 'z') || (s[end] >= 'A' && s[end] <= 'Z') ||
                (s[end] >= '0' && s[end] <= '9') || s[end] == '_' || s[end] == '.' ||
                s[end] == '+' || s[end] == '-'))
            end++;
        if (end == off && off < len) /* one character, all its bytes */
            for (end = off + 1; end < len && ((unsigned char)s[end] & 0xC0) == 0x80; end++)
                ;
    }
    while (end > off && end < len && ((unsigned char)s[end] & 0xC0) == 0x80)
        end--; /* never cut a character in half */
    snprintf(out, n, "%.*s", (int)(end - off), s + off);
}

/* How much of s[0..n) a number takes, the way cJSON reads one (strtod over
 * the characters 0-9 + - e E .): 0 when it is not a number. */
static size_t number_length(const char *s, size_t n)
{
    size_t i = 0, digits = 0;
    if (i < n && (s[i] == '-' || s[i] == '+'))
        i++;
    for (; i < n && s[i] >= '0' && s[i] <= '9'; i++)
        digits++;
    if (i < n && s[i] == '.')
        for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++)
            digits++;
    if (!digits)
        return 0;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        size_t j = i + 1;
        if (j < n && (s[j] == '-' || s[j] == '+'))
            j++;
        if (j < n && s[j] >= '0' && s[j] <= '9') {
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            i = j;
        }
    }
    return i;
}

static bool is_hex(char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

static unsigned hex4(const char *s)
{
    unsigned v = 0;
    for (int k = 0; k < 4; k++)
        v = v << 4 | (unsigned)(s[k] <= '9' ? s[k] - '0' : (s[k] | 0x20) - 'a' + 10);
    return v;
}

/* Skips the string that starts at s[*i] == '"'. False with a reason and
 * the offset to point at when it is broken. */
static bool skip_string(const char *s, size_t n, size_t *i, size_t *at, const char **why)
{
    size_t start = *i;
    for (size_t j = start + 1; j < n; j++) {
        if (s[j] == '"') {
            *i = j + 1;
            return true;
        }
        if (s[j] != '\\')
            continue;
        char e = j + 1 < n ? s[j + 1] : '\0';
        if (e == 'u') {
            if (j + 6 > n || !is_hex(s[j + 2]) || !is_hex(s[j + 3]) || !is_hex(s[j + 4]) ||
                !is_hex(s[j + 5]))
                goto bad;
            unsigned u = hex4(s + j + 2);
            if (u >= 0xDC00 && u <= 0xDFFF)
                goto bad;
            if (u >= 0xD800 && u <= 0xDBFF) {
                /* A surrogate pair must follow as one more \u escape. */
                if (j + 12 > n || s[j + 6] != '\\' || s[j + 7] != 'u' || !is_hex(s[j + 8]) ||
                    !is_hex(s[j + 9]) || !is_hex(s[j + 10]) || !is_hex(s[j + 11]))
                    goto bad;
                unsigned lo = hex4(s + j + 8);
                if (lo < 0xDC00 || lo > 0xDFFF)
                    goto bad;
                j += 6;
            }
            j += 5;
        } else if (e && strchr("\"\\/bfnrt", e)) {
            j++;
        } else {
            goto bad;
        }
        continue;
    bad:
        *at = j;
        *why = "a backslash in a text must be followed by \", \\, /, b, f, n, r, t or u and "
               "four hex digits; write \\\\ for a backslash itself";
        return false;
    }
    *at = start;
    *why = "this text never ends: its closing quote \" is missing";
    return false;
}

enum {
    EXPECT_VALUE,          /* after ':' or ',' in a list, or at the start */
    EXPECT_VALUE_OR_CLOSE, /* just after '[' */
    EXPECT_KEY,            /* after ',' in an object */
    EXPECT_KEY_OR_CLOSE,   /* just after '{' */
    EXPECT_COLON,
    EXPECT_COMMA_OR_CLOSE  /* after a value */
};

/* Finds the first mistake in a text cJSON refused and explains it the way
 * a person fixes it: the comma missing at the end of a line rather than the
 * quote on the next line where a parser notices it. Returns false when it
 * finds nothing (cJSON failed for another reason), leaving the caller to
 * fall back on cJSON's own position. */
static bool diagnose_json(Ctx *c)
{
    const char *s = c->src;
    size_t n = c->len, i = 0, prev_end = 0, comma = 0;
    char stack[SCAN_DEPTH_MAX];
    size_t opened[SCAN_DEPTH_MAX];
    int depth = 0, state = EXPECT_VALUE;
    size_t multiline = SIZE_MAX; /* a string just read that spans lines */
    bool after_comma = false;
    char near[64];

    for (;;) {
        size_t ws = i;
        while (i < n && (unsigned char)s[i] <= 32)
            i++;
        bool spaced = i > ws;
        if (i >= n) {
            if (state == EXPECT_COMMA_OR_CLOSE && depth == 0)
                return false;
            size_t last = n; /* the last line that holds anything */
            while (last > 0 && (unsigned char)s[last - 1] <= 32)
                last--;
            if (depth > 0)
                report_line(c, line_at(c, last),
                            "the file ends too soon: the %c opened on line %d is never closed "
                            "with %c",
                            stack[depth - 1], line_at(c, opened[depth - 1]),
                            stack[depth - 1] == '{' ? '}' : ']');
            else
                report_line(c, line_at(c, last), "the file ends before the JSON is complete");
            return true;
        }
        char ch = s[i];
        snippet(s, n, i, near, sizeof near);
        if (ch == '/' || ch == '#') {
            report_line(c, line_at(c, i),
                        "JSON files cannot hold comments (// or #); remove this one");
            return true;
        }
        if (ch == '\'') {
            report_line(c, line_at(c, i),
                        "JSON needs double quotes \" around names and texts, not single quotes");
            return true;
        }
        if (multiline != SIZE_MAX && state == EXPECT_COMMA_OR_CLOSE && ch != ',' && ch != '}' &&
            ch != ']') {
            report_line(c, line_at(c, multiline),
                        "the text that starts here runs on past the end of its line: check for "
                        "a missing closing quote \"");
            return true;
        }
        multiline = SIZE_MAX;
        bool after_comma_here = after_comma;
        after_comma = false;
        switch (state) {
        case EXPECT_KEY:
        case EXPECT_KEY_OR_CLOSE:
            if (ch == '}' && state == EXPECT_KEY_OR_CLOSE) {
                depth--;
                prev_end = i++;
                state = EXPECT_COMMA_OR_CLOSE;
                continue;
            }
            if (ch == '}' || ch == ']') {
                report_line(c, line_at(c, comma),
                            "there is a comma after the last item; remove it (JSON allows no "
                            "comma before a closing %c)",
                            ch);
                return true;
            }
            if (ch != '"') {
                if ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_')
                    report_line(c, line_at(c, i), "the name %s needs double quotes around it",
                                near);
                else
                    report_line(c, line_at(c, i),
                                "a name in double quotes was expected here, not %s", near);
                return true;
            }
            {
                size_t at = 0;
                const char *why = NULL;
                if (!skip_string(s, n, &i, &at, &why)) {
                    report_line(c, line_at(c, at), "%s", why);
                    return true;
                }
                prev_end = i - 1;
            }
            state = EXPECT_COLON;
            continue;
        case EXPECT_COLON:
            if (ch != ':') {
                report_line(c, line_at(c, prev_end),
                            "a colon : is missing between the name and its value");
                return true;
            }
            i++;
            state = EXPECT_VALUE;
            continue;
        case EXPECT_COMMA_OR_CLOSE:
            if (depth == 0) {
                report_line(c, line_at(c, i),
                            "something follows the end of the JSON: remove %s%s", near,
                            ch == '}' || ch == ']' ? " (one closing bracket too many?)" : "");
                return true;
            }
            if (ch == ',') {
                comma = i++;
                state = stack[depth - 1] == '{' ? EXPECT_KEY : EXPECT_VALUE;
                after_comma = true;
                continue;
            }
            if (ch == '}' || ch == ']') {
                char want = stack[depth - 1] == '{' ? '}' : ']';
                if (ch != want) {
                    report_line(c, line_at(c, i),
                                "this %c does not match the %c opened on line %d: a %c is "
                                "missing before it",
                                ch, stack[depth - 1], line_at(c, opened[depth - 1]), want);
                    return true;
                }
                depth--;
                prev_end = i++;
                continue;
            }
            if (ch == '"' || ch == '{' || ch == '[' || (spaced && ch != ':')) {
                int before = line_at(c, prev_end), here = line_at(c, i);
                if (before != here)
                    report_line(c, before,
                                "a comma is missing at the end of this line (before %s on "
                                "line %d)",
                                near, here);
                else
                    report_line(c, here, "a comma is missing before %s", near);
                return true;
            }
            report_line(c, line_at(c, i),
                        "this is not valid JSON at %s: a comma or a closing bracket was "
                        "expected",
                        near);
            return true;
        default: /* a value */
            if (ch == ']' && state == EXPECT_VALUE_OR_CLOSE) {
                depth--;
                prev_end = i++;
                state = EXPECT_COMMA_OR_CLOSE;
                continue;
            }
            if ((ch == ']' || ch == '}') && after_comma_here) {
                report_line(c, line_at(c, comma),
                            "there is a comma after the last item; remove it (JSON allows no "
                            "comma before a closing %c)",
                            ch);
                return true;
            }
            if (ch == '{' || ch == '[') {
                if (depth == SCAN_DEPTH_MAX - 1 || depth >= 1000) {
                    report_line(c, line_at(c, i), "the JSON is nested too deeply here");
                    return true;
                }
                stack[depth] = ch;
                opened[depth++] = i++;
                state = ch == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
                continue;
            }
            if (ch == '"') {
                size_t at = 0, start = i;
                const char *why = NULL;
                if (!skip_string(s, n, &i, &at, &why)) {
                    report_line(c, line_at(c, at), "%s", why);
                    return true;
                }
                if (memchr(s + start, '\n', i - start))
                    multiline = start;
            } else if (ch == '-' || (ch >= '0' && ch <= '9')) {
                size_t k = number_length(s + i, n - i);
                if (k == 0) {
                    report_line(c, line_at(c, i), "%s is not a number", near);
                    return true;
                }
                i += k;
            } else {
                size_t k = 0;
                while (i + k < n && ((s[i + k] >= 'a' && s[i + k] <= 'z') ||
                                     (s[i + k] >= 'A' && s[i + k] <= 'Z')))
                    k++;
                if (!((k == 4 && !memcmp(s + i, "true", 4)) ||
                      (k == 5 && !memcmp(s + i, "false", 5)) ||
                      (k == 4 && !memcmp(s + i, "null", 4)))) {
                    if (k > 0)
                        report_line(c, line_at(c, i),
                                    "%s is not a value: put texts in double quotes, and write "
                                    "true, false and null in lower case",
                                    near);
                    else
                        report_line(c, line_at(c, i), "a value was expected here, not %s", near);
                    return true;
                }
                i += k;
            }
            prev_end = i - 1;
            state = EXPECT_COMMA_OR_CLOSE;
            continue;
        }
    }
}

static cJSON *parse_text(Ctx *c, const char *json, size_t len, char **copy)
{
    *copy = NULL;
    const unsigned char *u = (const unsigned char *)json;
    if (len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        report_line(c, 1, "this file is saved as UTF-16; save it as UTF-8 instead");
        return NULL;
    }
    if (len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        /* Windows editors add a byte-order mark; cJSON skips it too. */
        json += 3;
        len -= 3;
    }
    c->src = json;
    c->len = len;
    size_t bad = utf8_invalid_at((const unsigned char *)json, len);
    if (bad < len) {
        if (json[bad] == '\0')
            report_line(c, line_at(c, bad),
                        "this line holds a NUL byte: the file is not plain text");
        else
            report_line(c, line_at(c, bad),
                        "this line is not UTF-8 text (byte 0x%02X): save the file as UTF-8",
                        (unsigned char)json[bad]);
        return NULL;
    }
    if (is_blank_n(json, len)) {
        report_line(c, 1, "the file is empty");
        return NULL;
    }
    char *buf = malloc(len + 1);
    if (!buf) {
        c->cat->oom = true;
        return NULL;
    }
    memcpy(buf, json, len);
    buf[len] = '\0';
    c->src = buf;
    *copy = buf;
    /* The terminating NUL is part of the length: cJSON 1.7 then checks
     * that nothing but whitespace follows the value. */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(buf, len + 1, &end, 1);
    if (!root) {
        size_t off = end && end >= buf && end <= buf + len ? (size_t)(end - buf) : 0;
        if (!diagnose_json(c))
            report_line(c, line_at(c, off),
                        "this is not valid JSON near here: look for a missing or extra comma, "
                        "quote or bracket");
    }
    return root;
}

/* --- adding a file ------------------------------------------------------- */

static void file_stem(const char *label, char *out, size_t n)
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

static bool add_file(Catalog *cat, Kind kind, const char *label, const char *json, size_t len)
{
    Ctx c = {.cat = cat, .kind = kind, .label = label, .first = cat->nproblems};
    file_stem(label, c.stem, sizeof c.stem);
    ArenaMark mark = arena_mark(&cat->arena);
    char *copy = NULL;
    void *item = NULL;
    c.root = parse_text(&c, json, len, &copy);
    if (c.root) {
        if (kind == KIND_EXERCISE)
            item = parse_exercise(&c, c.root);
        else if (kind == KIND_INSTRUMENT)
            item = parse_instrument(&c, c.root);
        else if (kind == KIND_PLAN)
            item = parse_plan(&c, c.root);
        else
            item = parse_crisis(&c, c.root);
    }
    bool ok = item && c.errors == 0 && !cat->oom;
    if (ok && kind == KIND_CRISIS)
        cat->crisis = item;
    else if (ok)
        ok = ptrlist_push(&cat->items[kind], item);
    if (!ok) {
        arena_rollback(&cat->arena, mark);
        if (kind != KIND_CRISIS && id_is_valid(c.stem) &&
            !idlist_push(&cat->skipped[kind], c.stem))
            cat->oom = true;
    }
    sort_file_problems(cat, c.first);
    if (c.hidden > 0) {
        int line = cat->nproblems > c.first ? cat->problems[cat->nproblems - 1].line : 1;
        problem_add(cat, label, line, false, "... and %d more problem%s in this file", c.hidden,
                    c.hidden == 1 ? "" : "s");
    }
    free(c.pos);
    cJSON_Delete(c.root);
    free(copy);
    return ok;
}

bool catalog_add_instrument(Catalog *cat, const char *label, const char *json, size_t len)
{
    return add_file(cat, KIND_INSTRUMENT, label, json, len);
}

bool catalog_add_exercise(Catalog *cat, const char *label, const char *json, size_t len)
{
    return add_file(cat, KIND_EXERCISE, label, json, len);
}

bool catalog_add_plan(Catalog *cat, const char *label, const char *json, size_t len)
{
    return add_file(cat, KIND_PLAN, label, json, len);
}

bool catalog_add_crisis(Catalog *cat, const char *label, const char *json, size_t len)
{
    return add_file(cat, KIND_CRISIS, label, json, len);
}

/* --- reading data/ ------------------------------------------------------- */

static void free_names(char **names, int n)
{
    for (int i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The folder's *.json files, sorted by name so that loading is the same on
 * every device. Hidden files (editor swap files) are left out. Returns
 * false with errno set when the folder cannot be read. */
static bool list_json(const char *dir, char ***out, int *count)
{
    DIR *d = opendir(dir);
    if (!d)
        return false;
    char **names = NULL;
    int n = 0, cap = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        if (e->d_name[0] == '.' || len <= 5 || strcmp(e->d_name + len - 5, ".json") != 0)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            char **more = realloc(names, (size_t)cap * sizeof *names);
            if (!more)
                goto oom;
            names = more;
        }
        if (!(names[n] = strdup(e->d_name)))
            goto oom;
        n++;
    }
    closedir(d);
    if (n > 1) /* qsort wants a real array, even for nothing to sort */
        qsort(names, (size_t)n, sizeof *names, cmp_str);
    *out = names;
    *count = n;
    return true;
oom:
    closedir(d);
    free_names(names, n);
    errno = ENOMEM;
    return false;
}

/* Reads a whole file of at most CATALOG_FILE_MAX bytes, or reports why it
 * cannot. */
static char *read_file(Catalog *cat, const char *path, const char *label, size_t *len)
{
    /* never blocks: a FIFO or a device among the data files is refused
     * unopened, so it cannot hang the kiosk or a verb */
    char why[4400];
    int fd = file_open_regular(path, NULL, why, sizeof why);
    FILE *f = fd >= 0 ? fdopen(fd, "rb") : NULL;
    struct stat st;
    if (!f || fstat(fileno(f), &st) != 0) {
        if (fd < 0 && errno == EINVAL)
            problem_add(cat, label, 1, false, "this is not a regular file, so it is not read");
        else
            problem_add(cat, label, 1, false, "cannot read this file: %s", strerror(errno));
        if (f)
            fclose(f);
        else if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (st.st_size > CATALOG_FILE_MAX) {
        problem_add(cat, label, 1, false,
                    "this file is %lld bytes; files over %d KiB are refused, so check that it "
                    "is the right file",
                    (long long)st.st_size, CATALOG_FILE_MAX / 1024);
        fclose(f);
        return NULL;
    }
    /* Sized from fstat, plus room to notice a file that grew since. */
    size_t cap = (size_t)st.st_size + 4096, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap || ferror(f) || n > CATALOG_FILE_MAX)
            break;
        char *more = realloc(buf, cap * 2);
        if (!more) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = more;
        cap *= 2;
    }
    if (!buf) {
        cat->oom = true;
        fclose(f);
        return NULL;
    }
    bool failed = ferror(f);
    int err = errno;
    fclose(f);
    if (failed) {
        problem_add(cat, label, 1, false, "cannot read this file: %s", strerror(err));
        free(buf);
        return NULL;
    }
    if (n > CATALOG_FILE_MAX) {
        problem_add(cat, label, 1, false,
                    "this file is larger than %d KiB and is refused, so check that it is the "
                    "right file",
                    CATALOG_FILE_MAX / 1024);
        free(buf);
        return NULL;
    }
    *len = n;
    return buf;
}

static void load_folder(Catalog *cat, const char *data_dir, Kind kind)
{
    const char *sub = kind_folder[kind];
    char dir[4096], folder_label[32];
    snprintf(folder_label, sizeof folder_label, "%s/", sub);
    if (snprintf(dir, sizeof dir, "%s/%s", data_dir, sub) >= (int)sizeof dir) {
        problem_add(cat, folder_label, 0, false, "the data folder's name is too long");
        return;
    }
    char **names = NULL;
    int n = 0;
    if (!list_json(dir, &names, &n)) {
        if (errno == ENOENT)
            problem_add(cat, folder_label, 0, false,
                        "this folder is missing from %s; create it (it may stay empty)",
                        data_dir);
        else if (errno == ENOMEM)
            cat->oom = true;
        else
            problem_add(cat, folder_label, 0, false, "cannot read this folder in %s: %s",
                        data_dir, strerror(errno));
        return;
    }
    cat->siblings = names;
    cat->nsiblings = n;
    for (int i = 0; i < n && !cat->oom; i++) {
        char path[4400], label[300];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        snprintf(label, sizeof label, "%s/%s", sub, names[i]);
        size_t len = 0;
        char *text = read_file(cat, path, label, &len);
        if (!text) {
            char stem[256];
            file_stem(label, stem, sizeof stem);
            if (id_is_valid(stem) && !idlist_push(&cat->skipped[kind], stem))
                cat->oom = true;
            continue;
        }
        add_file(cat, kind, label, text, len);
        free(text);
    }
    cat->siblings = NULL;
    cat->nsiblings = 0;
    free_names(names, n);
}

static void load_crisis(Catalog *cat, const char *data_dir)
{
    static const char label[] = "crisis.json";
    char path[4400];
    snprintf(path, sizeof path, "%s/%s", data_dir, label);
    struct stat st;
    if (stat(path, &st) != 0 && errno == ENOENT) {
        problem_add(cat, label, 0, false,
                    "this file is missing from %s: the crisis card the door and the room show, "
                    "and the standard note on disclosures, come from it",
                    data_dir);
        return;
    }
    size_t len = 0;
    char *text = read_file(cat, path, label, &len);
    if (!text)
        return;
    add_file(cat, KIND_CRISIS, label, text, len);
    free(text);
}

Catalog *catalog_load(const char *data_dir)
{
    Catalog *cat = catalog_new();
    if (!cat)
        return NULL;
    struct stat st;
    bool found = stat(data_dir, &st) == 0;
    if (!found || !S_ISDIR(st.st_mode)) {
        problem_add(cat, data_dir, 0, false,
                    "the data folder cannot be read (%s); it should hold exercises/, "
                    "instruments/ and plans/",
                    found ? "it is not a folder" : strerror(errno));
    } else {
        /* The crisis card first (exercises take its disclosure note), then
         * instruments: exercises and plans refer to them. */
        load_crisis(cat, data_dir);
        load_folder(cat, data_dir, KIND_INSTRUMENT);
        load_folder(cat, data_dir, KIND_EXERCISE);
        load_folder(cat, data_dir, KIND_PLAN);
    }
    if (cat->oom) {
        catalog_free(cat);
        return NULL;
    }
    return cat;
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

static const void *catalog_find(const Catalog *cat, Kind kind, const char *id)
{
    const PtrList *l = &cat->items[kind];
    for (int i = 0; i < l->count; i++)
        if (!strcmp(item_id(kind, l->items[i]), id))
            return l->items[i];
    return NULL;
}

const Exercise *catalog_exercise(const Catalog *cat, const char *id)
{
    return catalog_find(cat, KIND_EXERCISE, id);
}

const Instrument *catalog_instrument(const Catalog *cat, const char *id)
{
    return catalog_find(cat, KIND_INSTRUMENT, id);
}

const Plan *catalog_plan(const Catalog *cat, const char *id)
{
    return catalog_find(cat, KIND_PLAN, id);
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
