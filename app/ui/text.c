#include "ui/text.h"

#include "core/i18n.h"
#include "core/log.h"
#include "core/paths.h"
#include "ui/textlog.h"

#include <SDL_ttf.h>
#include <dirent.h>
#include <fontconfig/fontconfig.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* --- fonts ------------------------------------------------------------------ */

#define FONT_SLOTS 24
#define LINESKIP_PX 512

/* Every open face costs a few hundred kilobytes (FreeType's copy of the
 * font's tables, HarfBuzz's of its layout tables), so only the sizes text
 * is drawn at get a face of their own. Measuring at other sizes (fitting a
 * text to a box tries several) goes through one face per weight that is
 * resized, and line heights are remembered. */
struct FontSet {
    char path[FONT_WEIGHTS][HEARTH_PATH_MAX];
    /* Each file read once and shared by every face of its weight, so
     * FreeType reads glyphs from memory, not with a seek and a read each. */
    void *file[FONT_WEIGHTS];
    size_t file_size[FONT_WEIGHTS];
    /* Faces text is drawn with, by (weight, pixel size), least recently
     * used replaced. */
    struct {
        FontWeight weight;
        int px;
        TTF_Font *font;
        unsigned long used;
    } slot[FONT_SLOTS];
    unsigned long tick;
    TTF_Font *measure[FONT_WEIGHTS]; /* resized to measure_px as needed */
    int measure_px[FONT_WEIGHTS];
    int lineskip[FONT_WEIGHTS][LINESKIP_PX]; /* 0 until known */
};

static bool has_suffix(const char *name, const char *suffix)
{
    size_t n = strlen(name), k = strlen(suffix);
    return n > k && strcasecmp(name + n - k, suffix) == 0;
}

/* A clinic's fonts: the first regular and the first bold file in fonts/,
 * in name order so the choice does not depend on the file system. */
static void scan_fonts_dir(FontSet *fs, const char *dir)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *nm = names[i]->d_name;
        if (nm[0] != '.' && (has_suffix(nm, ".ttf") || has_suffix(nm, ".otf"))) {
            bool bold = strstr(nm, "Bold") || strstr(nm, "bold");
            bool italic = strstr(nm, "Italic") || strstr(nm, "italic");
            FontWeight w = bold ? FONT_BOLD : FONT_REGULAR;
            if (!italic && !fs->path[w][0])
                paths_join(fs->path[w], sizeof fs->path[w], dir, nm);
        }
        free(names[i]);
    }
    free(names);
}

static bool fc_find(const char *pattern, char *out, size_t n)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *match = FcFontMatch(NULL, pat, &res);
    bool ok = false;
    FcChar8 *file = NULL;
    if (match && FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch) {
        ok = snprintf(out, n, "%s", (const char *)file) < (int)n;
    }
    if (match)
        FcPatternDestroy(match);
    FcPatternDestroy(pat);
    return ok;
}

FontSet *fontset_open(const char *fonts_dir, char *err, size_t errlen)
{
    FontSet *fs = calloc(1, sizeof *fs);
    if (!fs) {
        snprintf(err, errlen, _("Out of memory loading fonts."));
        return NULL;
    }
    if (fonts_dir && fonts_dir[0])
        scan_fonts_dir(fs, fonts_dir);
    if (!fs->path[FONT_REGULAR][0] || !fs->path[FONT_BOLD][0]) {
        if (!FcInit()) {
            snprintf(err, errlen, _("Cannot start fontconfig to find a font."));
            free(fs);
            return NULL;
        }
        static const char *const regular[] = {"Inter:style=Regular", "sans-serif:weight=regular"};
        static const char *const bold[] = {"Inter:style=Bold", "sans-serif:weight=bold"};
        for (int i = 0; i < 2 && !fs->path[FONT_REGULAR][0]; i++)
            fc_find(regular[i], fs->path[FONT_REGULAR], sizeof fs->path[FONT_REGULAR]);
        for (int i = 0; i < 2 && !fs->path[FONT_BOLD][0]; i++)
            fc_find(bold[i], fs->path[FONT_BOLD], sizeof fs->path[FONT_BOLD]);
    }
    if (!fs->path[FONT_BOLD][0])
        memcpy(fs->path[FONT_BOLD], fs->path[FONT_REGULAR], sizeof fs->path[FONT_BOLD]);
    for (int w = 0; w < FONT_WEIGHTS; w++) {
        TTF_Font *probe = fs->path[w][0] ? TTF_OpenFont(fs->path[w], 20) : NULL;
        if (!probe) {
            const char *dir = fonts_dir && *fonts_dir ? fonts_dir : _("the fonts folder");
            if (fs->path[w][0])
                snprintf(err, errlen,
                         _("No usable font was found: cannot read %s. Install Debian's "
                           "fonts-inter (or fonts-dejavu-core) or put a .ttf file in %s."),
                         fs->path[w], dir);
            else
                snprintf(err, errlen,
                         _("No usable font was found. Install Debian's fonts-inter (or "
                           "fonts-dejavu-core) or put a .ttf file in %s."),
                         dir);
            free(fs);
            return NULL;
        }
        TTF_CloseFont(probe);
    }
    log_debug("fonts: %s, %s", fs->path[FONT_REGULAR], fs->path[FONT_BOLD]);
    return fs;
}

void fontset_close(FontSet *fs)
{
    if (!fs)
        return;
    for (int i = 0; i < FONT_SLOTS; i++)
        if (fs->slot[i].font)
            TTF_CloseFont(fs->slot[i].font);
    for (int w = 0; w < FONT_WEIGHTS; w++)
        if (fs->measure[w])
            TTF_CloseFont(fs->measure[w]);
    for (int w = 0; w < FONT_WEIGHTS; w++) {
        bool shared = w > 0 && fs->file[w] == fs->file[0];
        if (!shared)
            SDL_free(fs->file[w]);
    }
    free(fs);
}


/* Reads the weight's file into memory (once); false when it cannot be
 * read. A copy rather than a mapping: a font file replaced while the kiosk
 * runs must not pull the glyphs from under it. */
static bool load_file(FontSet *fs, FontWeight weight)
{
    if (fs->file[weight])
        return true;
    for (int w = 0; w < FONT_WEIGHTS; w++) {
        if (w != (int)weight && fs->file[w] && !strcmp(fs->path[w], fs->path[weight])) {
            fs->file[weight] = fs->file[w]; /* one file for both weights */
            fs->file_size[weight] = fs->file_size[w];
            return true;
        }
    }
    size_t size = 0;
    void *data = SDL_LoadFile(fs->path[weight], &size);
    if (!data || size == 0 || size > INT32_MAX) {
        SDL_free(data);
        return false;
    }
    fs->file[weight] = data;
    fs->file_size[weight] = size;
    return true;
}

static TTF_Font *open_face(FontSet *fs, FontWeight weight, int px)
{
    TTF_Font *f = NULL;
    if (load_file(fs, weight)) {
        SDL_RWops *rw = SDL_RWFromConstMem(fs->file[weight], (int)fs->file_size[weight]);
        f = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    }
    if (!f) {
        log_error("cannot open the font %s at %d px: %s", fs->path[weight], px, TTF_GetError());
        return NULL;
    }
    TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
    return f;
}

/* The face text is drawn with at px, opened when it is not. */
static TTF_Font *font_at(FontSet *fs, FontWeight weight, int px)
{
    int victim = 0;
    fs->tick++;
    for (int i = 0; i < FONT_SLOTS; i++) {
        if (fs->slot[i].font && fs->slot[i].weight == weight && fs->slot[i].px == px) {
            fs->slot[i].used = fs->tick;
            return fs->slot[i].font;
        }
        if (!fs->slot[i].font || fs->slot[i].used < fs->slot[victim].used)
            victim = i;
        if (!fs->slot[i].font)
            break;
    }
    TTF_Font *f = open_face(fs, weight, px);
    if (!f)
        return NULL;
    if (fs->slot[victim].font)
        TTF_CloseFont(fs->slot[victim].font);
    fs->slot[victim].font = f;
    fs->slot[victim].weight = weight;
    fs->slot[victim].px = px;
    fs->slot[victim].used = fs->tick;
    return f;
}

/* A face to measure with at px: the drawing face when one is open (its
 * glyphs are loaded already), else the weight's measuring face, resized.
 * Both give the same metrics: a face's metrics depend only on its size. */
static TTF_Font *metrics_at(FontSet *fs, FontWeight weight, int px)
{
    for (int i = 0; i < FONT_SLOTS && fs->slot[i].font; i++)
        if (fs->slot[i].weight == weight && fs->slot[i].px == px)
            return fs->slot[i].font;
    if (!fs->measure[weight]) {
        fs->measure[weight] = open_face(fs, weight, px);
        fs->measure_px[weight] = px;
    } else if (fs->measure_px[weight] != px) {
        if (TTF_SetFontSize(fs->measure[weight], px) != 0) {
            log_error("cannot set the font %s to %d px: %s", fs->path[weight], px,
                      TTF_GetError());
            return NULL;
        }
        fs->measure_px[weight] = px;
    }
    return fs->measure[weight];
}

bool fontset_measure(FontSet *fs, FontWeight weight, int px, const char *utf8, int *w, int *h)
{
    TTF_Font *f = metrics_at(fs, weight, px);
    return f && TTF_SizeUTF8(f, utf8, w, h) == 0;
}

int fontset_line_height(FontSet *fs, FontWeight weight, int px)
{
    if (px > 0 && px < LINESKIP_PX && fs->lineskip[weight][px])
        return fs->lineskip[weight][px];
    TTF_Font *f = metrics_at(fs, weight, px);
    int skip = f ? TTF_FontLineSkip(f) : px;
    if (f && px > 0 && px < LINESKIP_PX)
        fs->lineskip[weight][px] = skip;
    return skip;
}

/* --- the texture cache ------------------------------------------------------ */

#define TC_BUCKETS 512
#define WRAP_SLOTS 256
#define WRAP_LINES 40

typedef struct TextEntry {
    struct TextEntry *next_in_bucket;
    struct TextEntry *lru_prev, *lru_next; /* most recent at head */
    uint64_t hash;
    TextStyle style;
    SDL_Texture *tex; /* NULL for text that draws nothing */
    int w, h;
    size_t bytes;
    char text[]; /* the key's string */
} TextEntry;

struct TextCache {
    SDL_Renderer *renderer;
    FontSet *fonts;
    size_t budget, bytes;
    TextEntry *bucket[TC_BUCKETS];
    TextEntry *lru_head, *lru_tail;
    int entries;
    TextCacheStats stats;
    struct TextLog *log; /* the tests' record of what is drawn, or NULL */
    struct TextLog *screen_log; /* the drawing screen's own record, or NULL */
    /* Where texts break into lines, remembered by text, size, weight and
     * width: measuring a paragraph word by word costs more than drawing
     * its cached lines. */
    struct WrapSlot {
        uint64_t hash;
        int px, width, n, w, widest;
        FontWeight weight;
        bool used;
        int start[WRAP_LINES], len[WRAP_LINES], lw[WRAP_LINES];
    } wrap[WRAP_SLOTS];
};

static uint64_t fnv1a(const void *data, size_t n, uint64_t h)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 1099511628211ull;
    }
    return h;
}

static uint64_t key_hash(const char *utf8, const TextStyle *st)
{
    uint64_t h = fnv1a(utf8, strlen(utf8), 14695981039346656037ull);
    int parts[] = {st->px, (int)st->weight, st->color.r, st->color.g, st->color.b, st->color.a};
    return fnv1a(parts, sizeof parts, h);
}

static bool style_equal(const TextStyle *a, const TextStyle *b)
{
    return a->px == b->px && a->weight == b->weight && a->color.r == b->color.r &&
           a->color.g == b->color.g && a->color.b == b->color.b && a->color.a == b->color.a;
}

TextCache *text_cache_new(SDL_Renderer *r, FontSet *fs, size_t budget_bytes)
{
    TextCache *tc = calloc(1, sizeof *tc);
    if (!tc)
        return NULL;
    tc->renderer = r;
    tc->fonts = fs;
    tc->budget = budget_bytes;
    return tc;
}

static void lru_unlink(TextCache *tc, TextEntry *e)
{
    if (e->lru_prev)
        e->lru_prev->lru_next = e->lru_next;
    else
        tc->lru_head = e->lru_next;
    if (e->lru_next)
        e->lru_next->lru_prev = e->lru_prev;
    else
        tc->lru_tail = e->lru_prev;
    e->lru_prev = e->lru_next = NULL;
}

static void lru_push_front(TextCache *tc, TextEntry *e)
{
    e->lru_prev = NULL;
    e->lru_next = tc->lru_head;
    if (tc->lru_head)
        tc->lru_head->lru_prev = e;
    tc->lru_head = e;
    if (!tc->lru_tail)
        tc->lru_tail = e;
}

static void entry_remove(TextCache *tc, TextEntry *e)
{
    TextEntry **pp = &tc->bucket[e->hash % TC_BUCKETS];
    while (*pp && *pp != e)
        pp = &(*pp)->next_in_bucket;
    if (*pp)
        *pp = e->next_in_bucket;
    lru_unlink(tc, e);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    tc->bytes -= e->bytes;
    tc->entries--;
    free(e);
}

void text_cache_clear(TextCache *tc)
{
    while (tc->lru_head)
        entry_remove(tc, tc->lru_head);
    memset(tc->wrap, 0, sizeof tc->wrap);
}

void text_cache_free(TextCache *tc)
{
    if (!tc)
        return;
    text_cache_clear(tc);
    free(tc);
}

TextCacheStats text_cache_stats(const TextCache *tc)
{
    TextCacheStats s = tc->stats;
    s.bytes = tc->bytes;
    s.entries = tc->entries;
    return s;
}

static SDL_Surface *render(TextCache *tc, const char *utf8, const TextStyle *st)
{
    TTF_Font *f = font_at(tc->fonts, st->weight, st->px);
    if (!f)
        return NULL;
    return TTF_RenderUTF8_Blended(f, utf8, st->color);
}

SDL_Texture *text_get(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h)
{
    if (!utf8 || !utf8[0] || st->px <= 0) {
        if (w)
            *w = 0;
        if (h)
            *h = 0;
        return NULL;
    }
    uint64_t hash = key_hash(utf8, st);
    for (TextEntry *e = tc->bucket[hash % TC_BUCKETS]; e; e = e->next_in_bucket) {
        if (e->hash == hash && style_equal(&e->style, st) && !strcmp(e->text, utf8)) {
            tc->stats.hits++;
            lru_unlink(tc, e);
            lru_push_front(tc, e);
            if (w)
                *w = e->w;
            if (h)
                *h = e->h;
            return e->tex;
        }
    }
    tc->stats.misses++;
    size_t len = strlen(utf8);
    TextEntry *e = calloc(1, sizeof *e + len + 1);
    if (!e)
        return NULL;
    memcpy(e->text, utf8, len + 1);
    e->hash = hash;
    e->style = *st;
    SDL_Surface *surf = render(tc, utf8, st);
    tc->stats.renders++;
    if (surf) {
        e->w = surf->w;
        e->h = surf->h;
        e->tex = SDL_CreateTextureFromSurface(tc->renderer, surf);
        e->bytes = (size_t)surf->w * (size_t)surf->h * 4;
        SDL_FreeSurface(surf);
        if (e->tex)
            SDL_SetTextureBlendMode(e->tex, SDL_BLENDMODE_BLEND);
    } else {
        log_warn("cannot draw a text: %s", TTF_GetError());
    }
    e->next_in_bucket = tc->bucket[hash % TC_BUCKETS];
    tc->bucket[hash % TC_BUCKETS] = e;
    lru_push_front(tc, e);
    tc->bytes += e->bytes;
    tc->entries++;
    /* Keep within budget, but never evict the entry just made. */
    while (tc->bytes > tc->budget && tc->lru_tail && tc->lru_tail != e) {
        tc->stats.evictions++;
        entry_remove(tc, tc->lru_tail);
    }
    if (w)
        *w = e->w;
    if (h)
        *h = e->h;
    return e->tex;
}

/* --- lines, blocks and boxes ------------------------------------------------- */

void text_cache_set_log(TextCache *tc, struct TextLog *log) { tc->log = log; }

struct TextLog *text_cache_log(const TextCache *tc) { return tc->log; }

void text_cache_set_screen_log(TextCache *tc, struct TextLog *log) { tc->screen_log = log; }

/* The width of bytes [start, start + len) of utf8 in f. */
static int span_width(TTF_Font *f, const char *utf8, int start, int len)
{
    char buf[1024];
    if (len <= 0)
        return 0;
    if (len >= (int)sizeof buf)
        len = (int)sizeof buf - 1;
    memcpy(buf, utf8 + start, (size_t)len);
    buf[len] = '\0';
    int w = 0, h = 0;
    TTF_SizeUTF8(f, buf, &w, &h);
    return w;
}

/* Where a text breaks into lines at width (0: only at '\n'): greedy, word
 * by word, between spaces; a word wider than the width keeps a line of its
 * own. Cached. */
static const struct WrapSlot *wrap_lines(TextCache *tc, const char *utf8, const TextStyle *st,
                                         int width)
{
    uint64_t h = fnv1a(utf8, strlen(utf8), 14695981039346656037ull);
    struct WrapSlot *ws = &tc->wrap[(h ^ (uint64_t)(st->px * 31 + width)) % WRAP_SLOTS];
    if (ws->used && ws->hash == h && ws->px == st->px && ws->width == width &&
        ws->weight == st->weight)
        return ws;
    memset(ws, 0, sizeof *ws);
    ws->used = true;
    ws->hash = h;
    ws->px = st->px;
    ws->width = width;
    ws->weight = st->weight;
    TTF_Font *f = metrics_at(tc->fonts, st->weight, st->px);
    if (!f)
        return ws;
    int n = 0;
    int total = (int)strlen(utf8);
    int p = 0;
    while (p <= total && n < WRAP_LINES) {
        int end = p;
        while (end < total && utf8[end] != '\n')
            end++;
        /* one paragraph: [p, end) */
        int q = p;
        while (q < end && utf8[q] == ' ')
            q++;
        if (q >= end) {
            ws->start[n] = p;
            ws->len[n] = 0;
            ws->lw[n] = 0;
            n++;
        }
        while (q < end && n < WRAP_LINES) {
            /* a line from q: words while they fit */
            int line_end = q;
            while (line_end < end && utf8[line_end] != ' ')
                line_end++;
            int lw = span_width(f, utf8, q, line_end - q);
            int word = lw;
            if (word > ws->widest)
                ws->widest = word;
            while (line_end < end) {
                int next = line_end;
                while (next < end && utf8[next] == ' ')
                    next++;
                if (next >= end)
                    break;
                int next_end = next;
                while (next_end < end && utf8[next_end] != ' ')
                    next_end++;
                int ww = span_width(f, utf8, next, next_end - next);
                if (ww > ws->widest)
                    ws->widest = ww;
                int trial = span_width(f, utf8, q, next_end - q);
                if (width > 0 && trial > width)
                    break;
                line_end = next_end;
                lw = trial;
            }
            ws->start[n] = q;
            ws->len[n] = line_end - q;
            ws->lw[n] = lw;
            if (lw > ws->w)
                ws->w = lw;
            n++;
            q = line_end;
            while (q < end && utf8[q] == ' ')
                q++;
        }
        p = end + 1;
    }
    ws->n = n;
    return ws;
}

/* One line's text as its own string. */
static void line_text(const char *utf8, const struct WrapSlot *ws, int i, char *out, size_t n)
{
    int len = ws->len[i] < (int)n - 1 ? ws->len[i] : (int)n - 1;
    memcpy(out, utf8 + ws->start[i], (size_t)len);
    out[len] = '\0';
}

static int block_height(TextCache *tc, const TextStyle *st, int lines)
{
    if (lines <= 0)
        return 0;
    TTF_Font *f = metrics_at(tc->fonts, st->weight, st->px);
    if (!f)
        return 0;
    return (lines - 1) * fontset_line_height(tc->fonts, st->weight, st->px) + TTF_FontHeight(f);
}

int text_size(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h)
{
    int bw = 0, bh = 0, n = 0;
    if (utf8 && utf8[0] && st->px > 0) {
        const struct WrapSlot *ws = wrap_lines(tc, utf8, st, st->wrap);
        n = ws->n;
        bw = ws->w;
        bh = block_height(tc, st, n);
    }
    if (w)
        *w = bw;
    if (h)
        *h = bh;
    return n;
}

int text_height(TextCache *tc, const char *utf8, const TextStyle *st, int width)
{
    TextStyle s = *st;
    s.wrap = width;
    int h = 0;
    text_size(tc, utf8, &s, NULL, &h);
    return h;
}

int text_widest_word(TextCache *tc, const char *utf8, const TextStyle *st)
{
    if (!utf8 || !utf8[0] || st->px <= 0)
        return 0;
    return wrap_lines(tc, utf8, st, st->wrap)->widest;
}

/* Draws the lines of ws with their block's top-left at (x, y), each line
 * aligned in the block's width; notes the block when a log is attached. */
static void draw_lines(TextCache *tc, const char *utf8, const TextStyle *st,
                       const struct WrapSlot *ws, int x, int y, SDL_Rect room, bool cut,
                       bool wide)
{
    SDL_Rect block = {x, y, ws->w, block_height(tc, st, ws->n)};
    if (tc->log)
        textlog_note(tc->log, tc->renderer, utf8, st, block, room, ws->n, cut, wide);
    if (tc->screen_log)
        textlog_note(tc->screen_log, tc->renderer, utf8, st, block, room, ws->n, cut, wide);
    int skip = fontset_line_height(tc->fonts, st->weight, st->px);
    for (int i = 0; i < ws->n; i++) {
        char line[1024];
        line_text(utf8, ws, i, line, sizeof line);
        int w, h;
        SDL_Texture *t = text_get(tc, line, st, &w, &h);
        if (!t)
            continue;
        int lx = x;
        if (st->align == ALIGN_CENTER)
            lx = x + (ws->w - w) / 2;
        else if (st->align == ALIGN_RIGHT)
            lx = x + ws->w - w;
        SDL_Rect dst = {lx, y + i * skip, w, h};
        SDL_RenderCopy(tc->renderer, t, NULL, &dst);
    }
}

int text_draw(TextCache *tc, const char *utf8, const TextStyle *st, int x, int y)
{
    if (!utf8 || !utf8[0] || st->px <= 0)
        return 0;
    const struct WrapSlot *ws = wrap_lines(tc, utf8, st, st->wrap);
    if (st->align == ALIGN_CENTER)
        x -= ws->w / 2;
    else if (st->align == ALIGN_RIGHT)
        x -= ws->w;
    int h = block_height(tc, st, ws->n);
    bool wide = st->wrap > 0 && ws->widest > st->wrap;
    draw_lines(tc, utf8, st, ws, x, y, (SDL_Rect){x, y, ws->w, h}, false, wide);
    return h;
}

static int draw_in(TextCache *tc, const char *utf8, const TextStyle *st, SDL_Rect box, bool top)
{
    if (!utf8 || !utf8[0] || st->px <= 0)
        return 0;
    const struct WrapSlot *ws = wrap_lines(tc, utf8, st, box.w);
    int h = block_height(tc, st, ws->n);
    int x = box.x;
    if (st->align == ALIGN_CENTER)
        x = box.x + (box.w - ws->w) / 2;
    else if (st->align == ALIGN_RIGHT)
        x = box.x + box.w - ws->w;
    bool wide = ws->widest > box.w;
    bool cut = h > box.h || ws->w > box.w;
    int y = top || cut ? box.y : box.y + (box.h - h) / 2;
    if (cut) {
        /* never smaller: cut at the box, where the tests see it */
        if (x < box.x)
            x = box.x;
        SDL_Rect was;
        bool clipped = SDL_RenderIsClipEnabled(tc->renderer);
        SDL_RenderGetClipRect(tc->renderer, &was);
        SDL_Rect clip = box;
        if (clipped)
            SDL_IntersectRect(&box, &was, &clip);
        SDL_RenderSetClipRect(tc->renderer, &clip);
        draw_lines(tc, utf8, st, ws, x, y, box, true, wide);
        SDL_RenderSetClipRect(tc->renderer, clipped ? &was : NULL);
    } else {
        draw_lines(tc, utf8, st, ws, x, y, box, false, wide);
    }
    return h;
}

int text_draw_box(TextCache *tc, const char *utf8, const TextStyle *st, SDL_Rect box)
{
    return draw_in(tc, utf8, st, box, false);
}

int text_draw_top(TextCache *tc, const char *utf8, const TextStyle *st, SDL_Rect box)
{
    return draw_in(tc, utf8, st, box, true);
}
