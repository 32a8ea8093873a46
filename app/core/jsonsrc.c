#include "core/jsonsrc.h"

#include "core/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* jsmn in its strict mode (only JSON's primitives), with each token's
 * parent, compiled into this file alone. */
#define JSMN_STATIC
#define JSMN_STRICT
#define JSMN_PARENT_LINKS
#include <jsmn.h>

#define NONE SIZE_MAX

typedef struct NodePos {
    uintptr_t node;
    size_t offset; /* of the member's name, or of the value in a list */
} NodePos;

struct JsonSource {
    const char *text;
    size_t len;
    size_t *line_starts; /* offsets where lines 2, 3... start; built once */
    int nlines;          /* entries in line_starts, -1 before they are built */
    jsmntok_t *tok;      /* built once: tokens in document order */
    int ntok;
    int result;          /* jsmn's: a count, or JSMN_ERROR_INVAL / _PART */
    size_t stop;         /* where jsmn stopped on an error */
    bool tokenized;
    NodePos *pos;        /* sorted by node */
    long npos;
};

JsonSource *jsonsrc_new(const char *text, size_t len)
{
    JsonSource *js = calloc(1, sizeof *js);
    if (!js)
        return NULL;
    js->text = text;
    js->len = len;
    js->nlines = -1;
    return js;
}

void jsonsrc_free(JsonSource *js)
{
    if (!js)
        return;
    free(js->line_starts);
    free(js->tok);
    free(js->pos);
    free(js);
}

/* --- lines ---------------------------------------------------------------- */

static void build_lines(JsonSource *js)
{
    int n = 0;
    for (size_t i = 0; i < js->len; i++)
        n += js->text[i] == '\n';
    js->line_starts = malloc(((size_t)n + 1) * sizeof *js->line_starts);
    if (!js->line_starts)
        return; /* jsonsrc_line counts instead */
    n = 0;
    for (size_t i = 0; i < js->len; i++)
        if (js->text[i] == '\n')
            js->line_starts[n++] = i + 1;
    js->nlines = n;
}

int jsonsrc_line(JsonSource *js, size_t off)
{
    if (js->nlines < 0)
        build_lines(js);
    if (!js->line_starts) { /* out of memory: slow, still right */
        int line = 1;
        for (size_t i = 0; i < off && i < js->len; i++)
            line += js->text[i] == '\n';
        return line;
    }
    /* Lines that start at or before off. */
    int lo = 0, hi = js->nlines;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (js->line_starts[mid] <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo + 1;
}

/* --- tokens --------------------------------------------------------------- */

/* jsmn reads what cJSON read, as cJSON read it, from a copy where
 *  - every byte below 32 is a space: cJSON skips them all between values,
 *    jsmn only spaces, tabs and line ends;
 *  - for a text cJSON accepted (accepted), every backslash escape is two
 *    plain bytes: cJSON takes "\u00`f" as U+0000 where jsmn refuses it,
 *    and every backslash of such a text is inside a string.
 * Offsets and lines are the same as the text's. */
static bool tokenize(JsonSource *js, bool accepted)
{
    if (js->tokenized)
        return js->tok != NULL;
    js->tokenized = true;
    char *text = malloc(js->len ? js->len : 1);
    if (!text)
        return false;
    memcpy(text, js->text, js->len);
    for (size_t i = 0; i < js->len; i++) {
        if ((unsigned char)text[i] < 32) {
            text[i] = ' ';
        } else if (accepted && text[i] == '\\') {
            text[i] = '_';
            if (i + 1 < js->len)
                text[++i] = '_';
        }
    }
    jsmn_parser p;
    jsmn_init(&p);
    unsigned cap = 64;
    jsmntok_t *tok = NULL;
    int r;
    for (;;) {
        jsmntok_t *more = realloc(tok, cap * sizeof *tok);
        if (!more) {
            free(tok);
            free(text);
            return false;
        }
        tok = more;
        /* jsmn resumes where it ran out of tokens. */
        r = jsmn_parse(&p, text, js->len, tok, cap);
        if (r != JSMN_ERROR_NOMEM)
            break;
        cap *= 2;
    }
    free(text);
    js->tok = tok;
    js->ntok = (int)p.toknext;
    js->result = r;
    js->stop = p.pos;
    return true;
}

/* A member's name: a string whose parent is an object (a value's parent is
 * its name). */
static bool is_key(const JsonSource *js, int i)
{
    const jsmntok_t *t = &js->tok[i];
    return t->type == JSMN_STRING && t->parent >= 0 && js->tok[t->parent].type == JSMN_OBJECT;
}

/* Pairs each node with the next value's position, in pre-order: cJSON
 * keeps values in document order, object members included. */
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

JsonSrcStatus jsonsrc_index(JsonSource *js, const cJSON *root)
{
    free(js->pos);
    js->pos = NULL;
    js->npos = 0;
    if (!root)
        return JSONSRC_OK;
    if (!root->child) {
        /* One value alone (jsmn wants a delimiter after a bare number):
         * it starts at the first byte that is not white space. */
        NodePos *p = malloc(sizeof *p);
        if (!p)
            return JSONSRC_NOMEM;
        size_t i = 0;
        while (i < js->len && (unsigned char)js->text[i] <= 32)
            i++;
        *p = (NodePos){(uintptr_t)root, i};
        js->pos = p;
        js->npos = 1;
        return JSONSRC_OK;
    }
    if (!tokenize(js, true))
        return JSONSRC_NOMEM;
    if (js->result < 0)
        return JSONSRC_MISMATCH;
    NodePos *pos = malloc(((size_t)js->ntok + 1) * sizeof *pos);
    if (!pos)
        return JSONSRC_NOMEM;
    long n = 0;
    for (int i = 0; i < js->ntok; i++) {
        if (is_key(js, i))
            continue;
        const jsmntok_t *t = &js->tok[i];
        const jsmntok_t *up = t->parent >= 0 ? &js->tok[t->parent] : NULL;
        size_t at = (size_t)t->start;
        if (up && up->type == JSMN_STRING) /* a member: at its name's quote */
            at = (size_t)up->start - 1;
        else if (t->type == JSMN_STRING)
            at--; /* at its opening quote */
        pos[n++] = (NodePos){0, at};
    }
    long assigned = 0;
    tree_assign(root, pos, n, &assigned);
    if (assigned != n) {
        free(pos);
        return JSONSRC_MISMATCH;
    }
    qsort(pos, (size_t)n, sizeof *pos, cmp_nodepos);
    js->pos = pos;
    js->npos = n;
    return JSONSRC_OK;
}

int jsonsrc_node_line(JsonSource *js, const cJSON *node)
{
    if (!js->pos || !node)
        return 1;
    NodePos key = {(uintptr_t)node, 0};
    const NodePos *p = bsearch(&key, js->pos, (size_t)js->npos, sizeof key, cmp_nodepos);
    return p ? jsonsrc_line(js, p->offset) : 1;
}

/* --- explaining a text cJSON refused -------------------------------------- */

/* The last byte before off that is not white space (as cJSON counts it),
 * or NONE. */
static size_t skip_back(const JsonSource *js, size_t off)
{
    while (off > 0) {
        off--;
        if ((unsigned char)js->text[off] > 32)
            return off;
    }
    return NONE;
}

/* The last byte of token t. */
static size_t token_last(const jsmntok_t *t)
{
    return t->type == JSMN_STRING ? (size_t)t->end : (size_t)t->end - 1;
}

/* The token whose last byte is at off, or -1. */
static int token_ending_at(const JsonSource *js, size_t off)
{
    for (int i = js->ntok - 1; i >= 0; i--)
        if (js->tok[i].end >= 0 && token_last(&js->tok[i]) == off)
            return i;
    return -1;
}

/* The innermost object or list open at off, or -1. */
static int container_at(const JsonSource *js, size_t off)
{
    for (int i = js->ntok - 1; i >= 0; i--) {
        const jsmntok_t *t = &js->tok[i];
        if ((t->type == JSMN_OBJECT || t->type == JSMN_ARRAY) && (size_t)t->start < off &&
            (t->end < 0 || (size_t)t->end > off))
            return i;
    }
    return -1;
}

/* The token of the given type that holds off: a string between its
 * quotes, a word after its first character; or -1. */
static int token_holding(const JsonSource *js, jsmntype_t type, size_t off)
{
    size_t after = type == JSMN_PRIMITIVE;
    for (int i = js->ntok - 1; i >= 0; i--) {
        const jsmntok_t *t = &js->tok[i];
        if (t->type == type && t->end >= 0 && (size_t)t->start + after <= off &&
            off < (size_t)t->end)
            return i;
    }
    return -1;
}

/* The token at off, for "... at X": a quoted name, a word or number, or
 * one character. */
static void snippet(const JsonSource *js, size_t off, char *out, size_t n)
{
    const char *s = js->text;
    size_t len = js->len, end = off;
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
        if (end == off && off < len) { /* one character, all its bytes */
            uint32_t cp;
            size_t k = utf8_decode(s + off, len - off, &cp);
            end = off + (k ? k : 1);
        }
    }
    if (end < len && end > off) { /* never cut a character in half */
        size_t start = utf8_char_start(s, end);
        end = start > off ? start : off;
    }
    snprintf(out, n, "%.*s", (int)(end - off), s + off);
}

static bool is_letter(char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_';
}

static char closer_of(const jsmntok_t *t)
{
    return t->type == JSMN_OBJECT ? '}' : ']';
}

static char opener_of(const jsmntok_t *t)
{
    return t->type == JSMN_OBJECT ? '{' : '[';
}

/* Where the mistake is: cJSON's error position, or jsmn's when it
 * stopped there or before. cJSON points one past the first character of
 * a member name it could not read ("{'a'", "{a:", ",,"): step back. */
static size_t mistake_at(const JsonSource *js, size_t at)
{
    if (js->result < 0 && js->stop <= at)
        return js->stop;
    if (at > 0 && at <= js->len && (unsigned char)js->text[at - 1] > 32 &&
        js->text[at - 1] != '"') {
        size_t b = skip_back(js, at - 1);
        int c = container_at(js, at - 1);
        if (b != NONE && (js->text[b] == ',' || js->text[b] == '{') && c >= 0 &&
            js->tok[c].type == JSMN_OBJECT)
            return at - 1;
    }
    return at;
}

static const char bad_escape[] =
    "a backslash in a text must be followed by \", \\, /, b, f, n, r, t or u and four hex "
    "digits; write \\\\ for a backslash itself";

#define SAY(off, ...) (snprintf(msg, n, __VA_ARGS__), jsonsrc_line(js, (off)))

/* A value was expected at p. */
static int explain_value(JsonSource *js, size_t p, char *msg, size_t n)
{
    char near[64];
    snippet(js, p, near, sizeof near);
    char ch = js->text[p];
    if (ch == '{' || ch == '[')
        return SAY(p, "the JSON is nested too deeply here");
    if (ch == '-' || (ch >= '0' && ch <= '9'))
        return SAY(p, "%s is not a number", near);
    if (is_letter(ch))
        return SAY(p,
                   "%s is not a value: put texts in double quotes, and write true, false and "
                   "null in lower case",
                   near);
    return SAY(p, "a value was expected here, not %s", near);
}

/* After the value or name token t, at p. */
static int explain_after(JsonSource *js, int t, size_t prev, size_t p, char *msg, size_t n)
{
    char near[64];
    snippet(js, p, near, sizeof near);
    char ch = js->text[p];
    if (is_key(js, t))
        return SAY(prev, "a colon : is missing between the name and its value");
    int c = container_at(js, p);
    if (c < 0)
        return SAY(p, "something follows the end of the JSON: remove %s%s", near,
                   ch == '}' || ch == ']' ? " (one closing bracket too many?)" : "");
    const jsmntok_t *open = &js->tok[c];
    if (ch == '}' || ch == ']') {
        if (ch != closer_of(open))
            return SAY(p, "this %c does not match the %c opened on line %d: a %c is missing before it",
                       ch, opener_of(open), jsonsrc_line(js, (size_t)open->start),
                       closer_of(open));
    } else if (js->tok[t].type == JSMN_STRING &&
               memchr(js->text + js->tok[t].start, '\n',
                      (size_t)(js->tok[t].end - js->tok[t].start))) {
        return SAY((size_t)js->tok[t].start - 1,
                   "the text that starts here runs on past the end of its line: check for a "
                   "missing closing quote \"");
    } else if (ch == '"' || ch == '{' || ch == '[' || (p > prev + 1 && ch != ':')) {
        int before = jsonsrc_line(js, prev), here = jsonsrc_line(js, p);
        if (before != here)
            return SAY(prev, "a comma is missing at the end of this line (before %s on line %d)",
                       near, here);
        return SAY(p, "a comma is missing before %s", near);
    }
    return SAY(p, "this is not valid JSON at %s: a comma or a closing bracket was expected",
               near);
}

int jsonsrc_explain(JsonSource *js, size_t at, char *msg, size_t n)
{
    if (at > js->len)
        at = js->len;
    if (!tokenize(js, false))
        return SAY(at,
                   "this is not valid JSON near here: look for a missing or extra comma, quote "
                   "or bracket");
    size_t p = mistake_at(js, at);
    if (p >= js->len) {
        size_t last = skip_back(js, js->len);
        int c = container_at(js, js->len);
        last = last == NONE ? 0 : last;
        if (c >= 0)
            return SAY(last,
                       "the file ends too soon: the %c opened on line %d is never closed with %c",
                       opener_of(&js->tok[c]), jsonsrc_line(js, (size_t)js->tok[c].start),
                       closer_of(&js->tok[c]));
        return SAY(last, "the file ends before the JSON is complete");
    }
    char ch = js->text[p];
    /* A text broken inside: jsmn stopped at its opening quote, or cJSON
     * inside it (a lone UTF-16 surrogate, which jsmn lets through). */
    if (ch == '"' && js->result < 0 && js->stop == p) {
        if (js->result == JSMN_ERROR_PART)
            return SAY(p, "this text never ends: its closing quote \" is missing");
        return SAY(at > p ? at : p, "%s", bad_escape);
    }
    if (p == at && token_holding(js, JSMN_STRING, at) >= 0)
        return SAY(at, "%s", bad_escape);
    if (ch == '/' || ch == '#')
        return SAY(p, "JSON files cannot hold comments (// or #); remove this one");
    if (ch == '\'')
        return SAY(p, "JSON needs double quotes \" around names and texts, not single quotes");
    int word = token_holding(js, JSMN_PRIMITIVE, p);
    if (word >= 0) /* "1.2.3", "truex": the whole word is the mistake */
        p = (size_t)js->tok[word].start;

    size_t prev = skip_back(js, p);
    if (prev == NONE)
        return explain_value(js, p, msg, n);
    char pc = js->text[prev];
    int c = container_at(js, p);
    if (pc == ',' && (js->text[p] == '}' || js->text[p] == ']'))
        return SAY(prev,
                   "there is a comma after the last item; remove it (JSON allows no comma "
                   "before a closing %c)",
                   js->text[p]);
    if (c >= 0 && js->tok[c].type == JSMN_OBJECT && (pc == ',' || pc == '{')) {
        char near[64];
        snippet(js, p, near, sizeof near);
        if (is_letter(js->text[p]))
            return SAY(p, "the name %s needs double quotes around it", near);
        return SAY(p, "a name in double quotes was expected here, not %s", near);
    }
    if (pc == ':' || pc == '[' || pc == ',')
        return explain_value(js, p, msg, n);
    int t = token_ending_at(js, prev);
    if (t >= 0)
        return explain_after(js, t, prev, p, msg, n);
    return SAY(at,
               "this is not valid JSON near here: look for a missing or extra comma, quote or "
               "bracket");
}
