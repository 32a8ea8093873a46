#include "ui/textlog.h"

#include <stdio.h>
#include <string.h>

void textlog_clear(TextLog *log)
{
    log->n = 0;
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

static void note(TextLog *log, SDL_Rect box, int px, const char *utf8)
{
    if (!log || log->n >= TEXTLOG_MAX || !utf8 || !utf8[0])
        return;
    /* a partial frame draws again some texts it kept: once is enough */
    for (int i = 0; i < log->n; i++)
        if (SDL_RectEquals(&log->items[i].box, &box) && log->items[i].px == px &&
            strncmp(log->items[i].text, utf8, sizeof log->items[i].text - 1) == 0)
            return;
    /* in drawing order: where the frame's first forgotten text was */
    int at = log->at >= 0 && log->at <= log->n ? log->at++ : log->n;
    memmove(&log->items[at + 1], &log->items[at], sizeof log->items[0] * (size_t)(log->n - at));
    log->n++;
    ScreenText *t = &log->items[at];
    t->box = box;
    t->px = px;
    snprintf(t->text, sizeof t->text, "%s", utf8);
}

void textlog_draw(TextLog *log, TextCache *tc, const char *utf8, const TextStyle *st, int x, int y)
{
    text_draw(tc, utf8, st, x, y);
    if (!log)
        return;
    int w = 0, h = 0;
    text_size(tc, utf8, st, &w, &h);
    int left = st->align == ALIGN_CENTER ? x - w / 2 : st->align == ALIGN_RIGHT ? x - w : x;
    note(log, (SDL_Rect){left, y, w, h}, st->px, utf8);
}

int textlog_fit(TextLog *log, TextCache *tc, const char *utf8, const TextStyle *st, int min_px,
                SDL_Rect box)
{
    int px = text_draw_fit(tc, utf8, st, min_px, box);
    if (!log || log->n >= TEXTLOG_MAX || !utf8 || !utf8[0])
        return px;
    /* Where text_draw_fit put it: the same texture, from the cache. */
    TextStyle s = *st;
    s.px = px;
    s.wrap = box.w;
    int w = 0, h = 0;
    text_size(tc, utf8, &s, &w, &h);
    if (h > box.h)
        h = box.h;
    int x = box.x;
    if (s.align == ALIGN_CENTER)
        x = box.x + (box.w - w) / 2;
    else if (s.align == ALIGN_RIGHT)
        x = box.x + box.w - w;
    note(log, (SDL_Rect){x, box.y + (box.h - h) / 2, w, h}, px, utf8);
    return px;
}

const ScreenText *textlog_find(const TextLog *log, const char *needle)
{
    for (int i = 0; i < log->n; i++)
        if (strstr(log->items[i].text, needle))
            return &log->items[i];
    return NULL;
}
