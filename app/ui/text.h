/* Fonts and text. A label is rendered once into a texture and kept in a
 * cache keyed by its text, size, weight, colour and wrap width, so redraws
 * only copy textures. */
#ifndef HEARTH_TEXT_H
#define HEARTH_TEXT_H

#include <SDL.h>
#include <stdbool.h>

typedef struct FontSet FontSet;
typedef struct TextCache TextCache;

typedef enum FontWeight { FONT_REGULAR, FONT_BOLD, FONT_WEIGHTS } FontWeight;

/* Finds the fonts: a clinic's own in fonts_dir (any .ttf or .otf; a name
 * with "Bold" is the bold face) else the system's through fontconfig,
 * preferring Inter, then any sans-serif. NULL with a sentence in err. */
FontSet *fontset_open(const char *fonts_dir, char *err, size_t errlen);
void fontset_close(FontSet *fs);

/* Size of a single line at px without rendering; false on error. */
bool fontset_measure(FontSet *fs, FontWeight weight, int px, const char *utf8, int *w, int *h);

/* The line height (ascent to descent plus gap) at px. */
int fontset_line_height(FontSet *fs, FontWeight weight, int px);

/* The cache of one renderer. budget_bytes bounds the textures it keeps. */
TextCache *text_cache_new(SDL_Renderer *r, FontSet *fs, size_t budget_bytes);
void text_cache_free(TextCache *tc);

/* Drops everything (after a language switch, or when the size changes). */
void text_cache_clear(TextCache *tc);

typedef enum TextAlign { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

/* What a text is, in the type scale (app/ui/type.h gives each role its
 * size). The role travels with the style so that what was drawn can be
 * checked against its role's size; TYPE_NONE is a text drawn outside the
 * scale, which the measuring test refuses. */
typedef enum TypeRole {
    TYPE_NONE,
    TYPE_CAPTION, /* secondary lines: dates, counts, hints, chart labels */
    TYPE_BODY,    /* reading text: explanations, lists, notes */
    TYPE_LABEL,   /* what a finger presses: buttons, chips, tiles, keys */
    TYPE_TITLE,   /* a screen's title, a heading, a step's prompt */
    TYPE_NUMERAL, /* figures read at a glance: clocks, codes, counts, answers */
    TYPE_DISPLAY, /* the one headline of a screen: "You're checked in" */
    TYPE_ROLES
} TypeRole;

typedef struct TextStyle {
    int px;             /* pixel size */
    FontWeight weight;
    SDL_Color color;
    int wrap;           /* wrap at this width in pixels; 0 = one line */
    TextAlign align;    /* of wrapped lines, and of the block in a box */
    TypeRole role;      /* its place in the type scale */
} TextStyle;

/* Texts are wrapped here, between words (never inside one: a word wider
 * than the width stays whole and sticks out, which the measuring test
 * sees), one texture per line, lines one line height apart. */

/* The texture of one line of text (NULL for an empty string or on error)
 * and its size; st->wrap is ignored. The texture belongs to the cache. */
SDL_Texture *text_get(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h);

/* The size of a text's block: wrapped at st->wrap when it is set, else one
 * line per paragraph ('\n'). Returns the number of lines. */
int text_size(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h);

/* The height of text wrapped at width (0: not wrapped) with st. */
int text_height(TextCache *tc, const char *utf8, const TextStyle *st, int width);

/* The widest single word of a text in st: a box narrower than this would
 * have to break a word. */
int text_widest_word(TextCache *tc, const char *utf8, const TextStyle *st);

/* Draws the block at (x, y) as its top-left, or centred/right-aligned on
 * x by the style's alignment. Returns the height drawn. */
int text_draw(TextCache *tc, const char *utf8, const TextStyle *st, int x, int y);

/* Draws text wrapped at box's width, aligned in it by the style and
 * centred vertically. The size is never changed: a text that does not fit
 * is cut at the box and noted as cut for the tests. Returns the block's
 * height. */
int text_draw_box(TextCache *tc, const char *utf8, const TextStyle *st, SDL_Rect box);

/* The same, placed at the top of box rather than centred. */
int text_draw_top(TextCache *tc, const char *utf8, const TextStyle *st, SDL_Rect box);

/* A record of everything drawn through this cache (textlog.h), for the
 * UI tests; NULL (the kiosk) records nothing. */
struct TextLog;
void text_cache_set_log(TextCache *tc, struct TextLog *log);
struct TextLog *text_cache_log(const TextCache *tc);

/* The record a screen keeps of what it draws on its main view (for its
 * tests' accessors): set by the screen as it starts drawing, reset by the
 * app before each screen draws. Cheap: it measures no contrast. */
void text_cache_set_screen_log(TextCache *tc, struct TextLog *log);

/* Statistics for tests and the benchmark. */
typedef struct TextCacheStats {
    unsigned long hits, misses, renders, evictions;
    size_t bytes;
    int entries;
} TextCacheStats;
TextCacheStats text_cache_stats(const TextCache *tc);

#endif
