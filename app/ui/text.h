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

/* The width of the widest word (between spaces or line breaks) at px:
 * wrapped text never breaks inside a word only when this fits. */
int fontset_widest_word(FontSet *fs, FontWeight weight, int px, const char *utf8);

/* The cache of one renderer. budget_bytes bounds the textures it keeps. */
TextCache *text_cache_new(SDL_Renderer *r, FontSet *fs, size_t budget_bytes);
void text_cache_free(TextCache *tc);

/* Drops everything (after a language switch, or when the size changes). */
void text_cache_clear(TextCache *tc);

typedef enum TextAlign { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } TextAlign;

typedef struct TextStyle {
    int px;             /* pixel size */
    FontWeight weight;
    SDL_Color color;
    int wrap;           /* wrap at this width in pixels; 0 = one line */
    TextAlign align;    /* of wrapped lines, and of the block in a box */
} TextStyle;

/* The texture of a text (NULL for an empty string or on error) and its
 * size. The texture belongs to the cache. */
SDL_Texture *text_get(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h);

/* Size a text would take, through the cache. */
void text_size(TextCache *tc, const char *utf8, const TextStyle *st, int *w, int *h);

/* Draws at (x, y) as the top-left, or centred/right-aligned on x by the
 * style's alignment. Returns the height drawn. */
int text_draw(TextCache *tc, const char *utf8, const TextStyle *st, int x, int y);

/* Draws wrapped text centred vertically in box, shrinking the size from
 * st->px down to min_px until it fits. Returns the size used. Text that
 * still does not fit at min_px is made smaller still, to a floor, rather
 * than broken inside a word or cut; past the floor it is cut at the box
 * (never spills). */
int text_draw_fit(TextCache *tc, const char *utf8, const TextStyle *st, int min_px,
                  SDL_Rect box);

/* The largest size in [min_px, max_px] at which the text fits box when
 * wrapped at its width (min_px when none does). Cached. */
int text_fit_px(TextCache *tc, const char *utf8, FontWeight weight, int max_px, int min_px,
                int box_w, int box_h);

/* Statistics for tests and the benchmark. */
typedef struct TextCacheStats {
    unsigned long hits, misses, renders, evictions;
    size_t bytes;
    int entries;
} TextCacheStats;
TextCacheStats text_cache_stats(const TextCache *tc);

#endif
