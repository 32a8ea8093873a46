#include "ui/textlog.h"

#include "ui/theme.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void textlog_clear(TextLog *log)
{
    log->n = 0;
    log->full = false;
    log->at = -1;
}

void textlog_begin(TextLog *log, SDL_Rect clip)
{
    int k = 0;
    log->at = -1;
    for (int i = 0; i < log->n; i++) {
        if (!SDL_HasIntersection(&log->items[i].box, &clip))
            log->items[k++] = log->items[i];
        else if (log->at < 0)
            log->at = k;
    }
    log->n = k;
}

void textlog_cover(TextLog *log, SDL_Rect rect)
{
    int k = 0;
    for (int i = 0; i < log->n; i++)
        if (!SDL_HasIntersection(&log->items[i].box, &rect))
            log->items[k++] = log->items[i];
    log->n = k;
}

/* The colours behind a text, sampled on a grid of about 6000 points, and
 * the lowest contrast of the text's colour against any colour that covers
 * 3 % of them or more (the feathered edges of shapes nearby cover less). */
#define BEHIND_SLOTS 256

static void measure_behind(SDL_Renderer *r, SDL_Rect rect, SDL_Color fg, double *contrast,
                           SDL_Color *behind)
{
    *contrast = 21.0;
    *behind = fg;
    int ow = 0, oh = 0;
    if (SDL_GetRendererOutputSize(r, &ow, &oh) != 0)
        return;
    SDL_Rect view = {0, 0, ow, oh};
    SDL_Rect in;
    if (!SDL_IntersectRect(&rect, &view, &in))
        return;
    int step = 1;
    while ((long)(in.w / step) * (long)(in.h / step) > 6000)
        step++;
    Uint32 *row = malloc(sizeof *row * (size_t)in.w);
    if (!row)
        return;
    struct {
        Uint32 colour;
        int count;
    } slot[BEHIND_SLOTS];
    memset(slot, 0, sizeof slot);
    int total = 0;
    for (int y = in.y; y < in.y + in.h; y += step) {
        SDL_Rect line = {in.x, y, in.w, 1};
        if (SDL_RenderReadPixels(r, &line, SDL_PIXELFORMAT_ARGB8888, row,
                                 (int)sizeof *row * in.w) != 0)
            break;
        for (int x = 0; x < in.w; x += step) {
            Uint32 c = row[x] | 0xFF000000u;
            unsigned h = (unsigned)((c * 2654435761u) >> 24) % BEHIND_SLOTS;
            for (int k = 0; k < BEHIND_SLOTS; k++, h = (h + 1) % BEHIND_SLOTS) {
                if (slot[h].count == 0 || slot[h].colour == c) {
                    slot[h].colour = c;
                    slot[h].count++;
                    break;
                }
            }
            total++;
        }
    }
    free(row);
    for (int i = 0; i < BEHIND_SLOTS; i++) {
        if (slot[i].count == 0 || slot[i].count * 100 < total * 3)
            continue;
        Uint32 c = slot[i].colour;
        SDL_Color bg = {(Uint8)(c >> 16), (Uint8)(c >> 8), (Uint8)c, 255};
        double k = theme_contrast(fg, bg);
        if (k < *contrast) {
            *contrast = k;
            *behind = bg;
        }
    }
}

void textlog_note(TextLog *log, SDL_Renderer *r, const char *utf8, const TextStyle *st,
                  SDL_Rect box, SDL_Rect room, int lines, bool cut, bool wide_word)
{
    if (!log || !utf8 || !utf8[0])
        return;
    if (log->n >= TEXTLOG_MAX) {
        log->full = true;
        return;
    }
    /* a partial frame draws again some texts it kept: once is enough */
    for (int i = 0; i < log->n; i++)
        if (SDL_RectEquals(&log->items[i].box, &box) && log->items[i].px == st->px &&
            strncmp(log->items[i].text, utf8, sizeof log->items[i].text - 1) == 0)
            return;
    /* in drawing order: where the frame's first forgotten text was */
    int at = log->at >= 0 && log->at <= log->n ? log->at++ : log->n;
    memmove(&log->items[at + 1], &log->items[at], sizeof log->items[0] * (size_t)(log->n - at));
    log->n++;
    ScreenText *t = &log->items[at];
    memset(t, 0, sizeof *t);
    t->box = box;
    t->room = room;
    t->px = st->px;
    t->lines = lines;
    t->role = st->role;
    t->color = st->color;
    t->cut = cut;
    t->wide_word = wide_word;
    int ow = 0, oh = 0;
    SDL_GetRendererOutputSize(r, &ow, &oh);
    t->clip = (SDL_Rect){0, 0, ow, oh};
    if (SDL_RenderIsClipEnabled(r))
        SDL_RenderGetClipRect(r, &t->clip);
    t->contrast = 21.0;
    t->behind = st->color;
    if (log->measure)
        measure_behind(r, box, st->color, &t->contrast, &t->behind);
    snprintf(t->text, sizeof t->text, "%s", utf8);
}

const ScreenText *textlog_find(const TextLog *log, const char *needle)
{
    for (int i = 0; i < log->n; i++)
        if (strstr(log->items[i].text, needle))
            return &log->items[i];
    return NULL;
}
