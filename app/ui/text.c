#include "ui/text.h"

#include "core/i18n.h"
#include "core/log.h"
#include "core/paths.h"

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
#define FIT_SLOTS 128

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
    struct {
        uint64_t hash;
        int max_px, min_px, w, h, result;
        FontWeight weight;
    } fit[FIT_SLOTS];
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
    int parts[] = {st->px, (int)st->weight, st->wrap, (int)st->align,
                   st->color.r, st->color.g, st->color.b, st->color.a};
    return fnv1a(parts, sizeof parts, h);
}

static bool style_equal(const TextStyle *a, const TextStyle *b)
{
    return a->px == b->px && a->weight == b->weight && a->wrap == b->wrap &&
           a->align == b->align && a->color.r == b->color.r && a->color.g == b->color.g &&
           a->color.b == b->color.b && a->color.a == b->color.a;
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
    memset(tc->fit, 0, sizeof tc->fit);
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
    SDL_Color c = st->color;
    if (st->wrap > 0) {
        TTF_SetFontWrappedAlign(f, st->align == ALIGN_CENTER  ? TTF_WRAPPED_ALIGN_CENTER
                                   : st->align == ALIGN_RIGHT ? TTF_WRAPPED_ALIGN_RIGHT
                                                              : TTF_WRAPPED_ALIGN_LEFT);
        return TTF_RenderUTF8_Blended_Wrapped(f, utf8, c, (Uint32)st->wrap);
    }
    return TTF_RenderUTF8_Blended(f, utf8, c);
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

void text_size(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h)
{
    text_get(tc, utf8, st, w, h);
}

int text_draw(TextCache *tc, const char *utf8, const TextStyle *st, int x, int y)
{
    int w, h;
    SDL_Texture *t = text_get(tc, utf8, st, &w, &h);
    if (!t)
        return h;
    if (st->align == ALIGN_CENTER)
        x -= w / 2;
    else if (st->align == ALIGN_RIGHT)
        x -= w;
    SDL_Rect dst = {x, y, w, h};
    SDL_RenderCopy(tc->renderer, t, NULL, &dst);
    return h;
}

int text_fit_px(TextCache *tc, const char *utf8, FontWeight weight, int max_px, int min_px,
                int box_w, int box_h)
{
    if (min_px > max_px)
        min_px = max_px;
    uint64_t h = fnv1a(utf8, strlen(utf8), 14695981039346656037ull);
    int slot = (int)(h % FIT_SLOTS);
    if (tc->fit[slot].hash == h && tc->fit[slot].max_px == max_px &&
        tc->fit[slot].min_px == min_px && tc->fit[slot].w == box_w &&
        tc->fit[slot].h == box_h && tc->fit[slot].weight == weight && tc->fit[slot].result)
        return tc->fit[slot].result;

    /* Measure by wrapping word by word with the font's own metrics, the
     * way SDL_ttf wraps, so only the chosen size is ever rendered. */
    int lo = min_px, hi = max_px, best = min_px;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        TTF_Font *f = metrics_at(tc->fonts, weight, mid);
        if (!f)
            break;
        int lines = 0, widest = 0;
        char line[1024];
        const char *p = utf8;
        bool fits = true;
        while (*p && fits) {
            /* One paragraph per '\n'. */
            const char *end = strchr(p, '\n');
            size_t plen = end ? (size_t)(end - p) : strlen(p);
            size_t used = 0;
            line[0] = '\0';
            const char *q = p;
            while (q < p + plen) {
                const char *sp = q;
                while (sp < p + plen && *sp != ' ')
                    sp++;
                char trial[1024];
                int tw = 0, th = 0;
                snprintf(trial, sizeof trial, "%s%s%.*s", line, used ? " " : "", (int)(sp - q), q);
                TTF_SizeUTF8(f, trial, &tw, &th);
                if (tw > box_w && used) {
                    lines++;
                    snprintf(line, sizeof line, "%.*s", (int)(sp - q), q);
                    TTF_SizeUTF8(f, line, &tw, &th);
                } else {
                    snprintf(line, sizeof line, "%s", trial);
                }
                if (tw > box_w)
                    fits = false; /* a single word wider than the box */
                if (tw > widest)
                    widest = tw;
                used = strlen(line);
                q = sp < p + plen ? sp + 1 : sp;
            }
            lines++;
            p = end ? end + 1 : p + plen;
        }
        if (fits && lines * TTF_FontLineSkip(f) <= box_h) {
            best = mid;
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    tc->fit[slot].hash = h;
    tc->fit[slot].max_px = max_px;
    tc->fit[slot].min_px = min_px;
    tc->fit[slot].w = box_w;
    tc->fit[slot].h = box_h;
    tc->fit[slot].weight = weight;
    tc->fit[slot].result = best;
    return best;
}

int fontset_widest_word(FontSet *fs, FontWeight weight, int px, const char *utf8)
{
    int widest = 0;
    const char *p = utf8;
    while (*p) {
        size_t n = strcspn(p, " \n");
        char word[256];
        snprintf(word, sizeof word, "%.*s", (int)n, p);
        int w = 0, h = 0;
        if (n && fontset_measure(fs, weight, px, word, &w, &h) && w > widest)
            widest = w;
        p += n;
        while (*p == ' ' || *p == '\n')
            p++;
    }
    return widest;
}

int text_draw_fit(TextCache *tc, const char *utf8, const TextStyle *st, int min_px,
                  SDL_Rect box)
{
    TextStyle s = *st;
    s.px = text_fit_px(tc, utf8, st->weight, st->px, min_px, box.w, box.h);
    s.wrap = box.w;
    int w, h;
    SDL_Texture *t = text_get(tc, utf8, &s, &w, &h);
    /* The estimate wraps word by word as SDL_ttf does, but not always to
     * the pixel; and at the smallest preferred size a long translation on
     * a small screen may still not fit. Smaller rather than cut off, down
     * to a floor still readable at arm's length. Every size tried stays in
     * the cache, so the next frame finds the same answer at once. */
    int floor = min_px * 3 / 5 < 10 ? 10 : min_px * 3 / 5;
    /* (A word too wide for the box can only remain when the estimate fell
     * to min_px: above it, it checked every word.) */
    while (t && s.px > floor &&
           (h > box.h ||
            (s.px <= min_px && fontset_widest_word(tc->fonts, s.weight, s.px, utf8) > box.w))) {
        s.px = s.px * 9 / 10 < floor ? floor : s.px * 9 / 10;
        t = text_get(tc, utf8, &s, &w, &h);
    }
    if (!t)
        return s.px;
    int x = box.x;
    if (s.align == ALIGN_CENTER)
        x = box.x + (box.w - w) / 2;
    else if (s.align == ALIGN_RIGHT)
        x = box.x + box.w - w;
    int y = box.y + (box.h - h) / 2;
    SDL_Rect src = {0, 0, w, h};
    if (h > box.h) {
        y = box.y;
        src.h = box.h;
    }
    SDL_Rect dst = {x, y, w, src.h};
    SDL_RenderCopy(tc->renderer, t, &src, &dst);
    return s.px;
}
