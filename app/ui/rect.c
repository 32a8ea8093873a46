#include "ui/rect.h"

SDL_Rect rect_inset(SDL_Rect r, int d)
{
    SDL_Rect o = {r.x + d, r.y + d, r.w - 2 * d, r.h - 2 * d};
    if (o.w < 0)
        o.w = 0;
    if (o.h < 0)
        o.h = 0;
    return o;
}

SDL_Rect rect_col(SDL_Rect r, int n, int i, int gap)
{
    int w = (r.w - gap * (n - 1)) / n;
    SDL_Rect o = {r.x + i * (w + gap), r.y, w, r.h};
    return o;
}

SDL_Rect rect_row(SDL_Rect r, int n, int i, int gap)
{
    int h = (r.h - gap * (n - 1)) / n;
    SDL_Rect o = {r.x, r.y + i * (h + gap), r.w, h};
    return o;
}

SDL_Rect rect_cut_top(SDL_Rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    SDL_Rect o = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return o;
}

SDL_Rect rect_cut_bottom(SDL_Rect *r, int h)
{
    if (h > r->h)
        h = r->h;
    SDL_Rect o = {r->x, r->y + r->h - h, r->w, h};
    r->h -= h;
    return o;
}

SDL_Rect rect_cut_left(SDL_Rect *r, int w)
{
    if (w > r->w)
        w = r->w;
    SDL_Rect o = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return o;
}

SDL_Rect rect_cut_right(SDL_Rect *r, int w)
{
    if (w > r->w)
        w = r->w;
    SDL_Rect o = {r->x + r->w - w, r->y, w, r->h};
    r->w -= w;
    return o;
}

SDL_Rect rect_center(SDL_Rect r, int w, int h)
{
    SDL_Rect o = {r.x + (r.w - w) / 2, r.y + (r.h - h) / 2, w, h};
    return o;
}
