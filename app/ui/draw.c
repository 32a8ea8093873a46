#include "ui/draw.h"

#include <math.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#define PI_F 3.14159265f
#define MAX_VERTS 4096

/* Scratch buffers: drawing happens on the main thread only, and fixed
 * buffers keep the frame free of allocations. verts holds solid triangles,
 * soft the feathered edges' (blended) ones, spans the rows of a disc. */
static SDL_Vertex verts[MAX_VERTS];
static SDL_Vertex soft[MAX_VERTS];
#define MAX_SPANS 2048
static SDL_Rect spans[MAX_SPANS];

static SDL_Vertex vert(float x, float y, SDL_Color c)
{
    SDL_Vertex v = {{x, y}, c, {0, 0}};
    return v;
}

static SDL_Color clear_of(SDL_Color c)
{
    c.a = 0;
    return c;
}

/* Geometry blends by the renderer's draw mode. Solid shapes of an opaque
 * colour are drawn without blending: SDL's software renderer blends a
 * triangle through a temporary surface of its bounding box, allocated and
 * freed each time, which made the breathing pacer's frame four times as
 * long at 1080p (tests/bench). Only the feathered edges blend. */
static void flush_as(SDL_Renderer *r, const SDL_Vertex *buf, int n, bool blend)
{
    if (n > 0) {
        SDL_SetRenderDrawBlendMode(r, blend ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
        SDL_RenderGeometry(r, NULL, buf, n, NULL, 0);
    }
}


static bool is_software(SDL_Renderer *r)
{
    static SDL_Renderer *last;
    static bool last_sw;
    if (r != last) {
        SDL_RendererInfo info;
        last = r;
        last_sw = SDL_GetRendererInfo(r, &info) == 0 && !strcmp(info.name, "software");
    }
    return last_sw;
}

/* The feathers on SDL's software renderer: the temporary surface it blends
 * each triangle through costs far more than the triangle, and feathers are
 * thousands of thin triangles a frame (the mood faces made the check-in's
 * confirmation frame 10 ms at 1280x800). So they are rasterised here: each
 * pixel whose centre lies inside a triangle takes the alpha interpolated
 * from its corners, and the pixels are blended as points, grouped by alpha
 * level. Same coverage rule as SDL's (pixel centres), no allocation. */
#define ALPHA_LEVELS 64
#define MAX_POINTS 16384
static SDL_Point points[MAX_POINTS], sorted[MAX_POINTS];
static unsigned char point_level[MAX_POINTS];

static void points_flush(SDL_Renderer *r, int n, SDL_Color c)
{
    int count[ALPHA_LEVELS] = {0}, start[ALPHA_LEVELS];
    for (int i = 0; i < n; i++)
        count[point_level[i]]++;
    for (int l = 0, at = 0; l < ALPHA_LEVELS; l++) {
        start[l] = at;
        at += count[l];
    }
    int fill[ALPHA_LEVELS];
    memcpy(fill, start, sizeof fill);
    for (int i = 0; i < n; i++)
        sorted[fill[point_level[i]]++] = points[i];
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_BLEND);
    for (int l = 1; l < ALPHA_LEVELS; l++) {
        if (!count[l])
            continue;
        SDL_SetRenderDrawColor(r, c.r, c.g, c.b, (Uint8)((l * 255 + ALPHA_LEVELS / 2) / (ALPHA_LEVELS - 1)));
        SDL_RenderDrawPoints(r, sorted + start[l], count[l]);
    }
}

/* The pixels drawing can reach: the clip rectangle while a frame redraws
 * part of the screen, else the whole target. The rasterisers below visit
 * only these, so a partial frame costs what it shows. */
static SDL_Rect reach_of(SDL_Renderer *r)
{
    SDL_Rect c;
    SDL_RenderGetClipRect(r, &c);
    if (c.w <= 0 || c.h <= 0)
        SDL_RenderGetViewport(r, &c);
    return c;
}

/* Narrows [*a, *b] to [lo, hi]; false when nothing is left. */
static bool clamp_range(int *a, int *b, int lo, int hi)
{
    if (*a < lo)
        *a = lo;
    if (*b > hi)
        *b = hi;
    return *a <= *b;
}

/* Which side of the edge a->b the point is, doubled area. */
static float edge_fn(SDL_FPoint a, SDL_FPoint b, float x, float y)
{
    return (b.x - a.x) * (y - a.y) - (b.y - a.y) * (x - a.x);
}

/* A pixel centre exactly on an edge belongs to one triangle of the two that
 * share it (the top-left rule), so a quad's diagonal is not blended twice. */
static bool edge_owns(SDL_FPoint a, SDL_FPoint b, float w, float area)
{
    if (w != 0)
        return (w > 0) == (area > 0);
    float dx = b.x - a.x, dy = b.y - a.y;
    if (area < 0) {
        dx = -dx;
        dy = -dy;
    }
    return dy < 0 || (dy == 0 && dx > 0);
}

static void soft_raster(SDL_Renderer *r, const SDL_Vertex *v, int n)
{
    if (n < 3)
        return;
    SDL_Color c = v[0].color;
    for (int i = 0; i < n; i++)
        if (v[i].color.a) {
            c = v[i].color;
            break;
        }
    int np = 0;
    SDL_Rect reach = reach_of(r);
    for (int t = 0; t + 2 < n; t += 3) {
        SDL_FPoint p0 = v[t].position, p1 = v[t + 1].position, p2 = v[t + 2].position;
        float area = edge_fn(p0, p1, p2.x, p2.y);
        if (fabsf(area) < 1e-6f)
            continue;
        float a0 = v[t].color.a, a1 = v[t + 1].color.a, a2 = v[t + 2].color.a;
        int x0 = (int)floorf(fminf(p0.x, fminf(p1.x, p2.x)));
        int x1 = (int)ceilf(fmaxf(p0.x, fmaxf(p1.x, p2.x)));
        int y0 = (int)floorf(fminf(p0.y, fminf(p1.y, p2.y)));
        int y1 = (int)ceilf(fmaxf(p0.y, fmaxf(p1.y, p2.y)));
        if (!clamp_range(&x0, &x1, reach.x, reach.x + reach.w - 1) ||
            !clamp_range(&y0, &y1, reach.y, reach.y + reach.h - 1))
            continue;
        for (int y = y0; y <= y1; y++) {
            float py = (float)y + 0.5f;
            for (int x = x0; x <= x1; x++) {
                float px = (float)x + 0.5f;
                float w0 = edge_fn(p1, p2, px, py), w1 = edge_fn(p2, p0, px, py);
                float w2 = edge_fn(p0, p1, px, py);
                if (!edge_owns(p1, p2, w0, area) || !edge_owns(p2, p0, w1, area) ||
                    !edge_owns(p0, p1, w2, area))
                    continue;
                float alpha = (w0 * a0 + w1 * a1 + w2 * a2) / area;
                int level = (int)(alpha * (ALPHA_LEVELS - 1) / 255.0f + 0.5f);
                if (level <= 0)
                    continue;
                if (np == MAX_POINTS) {
                    points_flush(r, np, c);
                    np = 0;
                }
                points[np] = (SDL_Point){x, y};
                point_level[np++] = (unsigned char)(level < ALPHA_LEVELS ? level
                                                                         : ALPHA_LEVELS - 1);
            }
        }
    }
    points_flush(r, np, c);
}

/* Solid triangles on the software renderer, by the same rule as the
 * feathers (SDL's own leaves hairline gaps between triangles sharing an
 * edge): one run of pixels per row of each triangle. */
static void solid_raster(SDL_Renderer *r, const SDL_Vertex *v, int n, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    int ns = 0;
    SDL_Rect reach = reach_of(r);
    for (int t = 0; t + 2 < n; t += 3) {
        SDL_FPoint p0 = v[t].position, p1 = v[t + 1].position, p2 = v[t + 2].position;
        float area = edge_fn(p0, p1, p2.x, p2.y);
        if (fabsf(area) < 1e-6f)
            continue;
        int x0 = (int)floorf(fminf(p0.x, fminf(p1.x, p2.x)));
        int x1 = (int)ceilf(fmaxf(p0.x, fmaxf(p1.x, p2.x)));
        int y0 = (int)floorf(fminf(p0.y, fminf(p1.y, p2.y)));
        int y1 = (int)ceilf(fmaxf(p0.y, fmaxf(p1.y, p2.y)));
        if (!clamp_range(&x0, &x1, reach.x, reach.x + reach.w - 1) ||
            !clamp_range(&y0, &y1, reach.y, reach.y + reach.h - 1))
            continue;
        for (int y = y0; y <= y1; y++) {
            float py = (float)y + 0.5f;
            int first = -1, last = -1;
            for (int x = x0; x <= x1; x++) {
                float px = (float)x + 0.5f;
                if (edge_owns(p1, p2, edge_fn(p1, p2, px, py), area) &&
                    edge_owns(p2, p0, edge_fn(p2, p0, px, py), area) &&
                    edge_owns(p0, p1, edge_fn(p0, p1, px, py), area)) {
                    if (first < 0)
                        first = x;
                    last = x;
                } else if (first >= 0) {
                    break; /* a triangle's row is one run */
                }
            }
            if (first < 0)
                continue;
            if (ns == MAX_SPANS) {
                SDL_RenderFillRects(r, spans, ns);
                ns = 0;
            }
            spans[ns++] = (SDL_Rect){first, y, last - first + 1, 1};
        }
    }
    if (ns > 0)
        SDL_RenderFillRects(r, spans, ns);
}

/* The solid triangles in verts, in colour c. */
static void flush(SDL_Renderer *r, int n, SDL_Color c)
{
    if (is_software(r))
        solid_raster(r, verts, n, c);
    else
        flush_as(r, verts, n, c.a != 255);
}

/* The feathered edges in soft (one colour, alpha varying by corner). */
static void flush_soft(SDL_Renderer *r, int n)
{
    if (is_software(r))
        soft_raster(r, soft, n);
    else
        flush_as(r, soft, n, true);
}

/* The pixels whose centres lie within radius of (cx, cy), one run per row:
 * exact, and the cheapest fill there is for the software renderer (a fan
 * of triangles costs it the sum of their bounding boxes). */
static void disc_spans(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    int n = 0;
    int y0 = (int)floorf(cy - radius), y1 = (int)ceilf(cy + radius);
    SDL_Rect reach = reach_of(r);
    if (!clamp_range(&y0, &y1, reach.y, reach.y + reach.h - 1))
        return;
    for (int y = y0; y <= y1; y++) {
        float dy = (float)y + 0.5f - cy;
        float h2 = radius * radius - dy * dy;
        if (h2 <= 0)
            continue;
        float hw = sqrtf(h2);
        /* pixel x is inside when its centre x + 0.5 is within hw of cx */
        int xa = (int)ceilf(cx - hw - 0.5f), xb = (int)floorf(cx + hw - 0.5f);
        if (!clamp_range(&xa, &xb, reach.x, reach.x + reach.w - 1))
            continue;
        spans[n++] = (SDL_Rect){xa, y, xb - xa + 1, 1};
        if (n == MAX_SPANS) {
            SDL_RenderFillRects(r, spans, n);
            n = 0;
        }
    }
    if (n > 0)
        SDL_RenderFillRects(r, spans, n);
}

void draw_clear(SDL_Renderer *r, SDL_Color c)
{
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, 255);
    SDL_RenderClear(r);
}

void draw_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(r, c.a == 255 ? SDL_BLENDMODE_NONE : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(r, c.r, c.g, c.b, c.a);
    SDL_RenderFillRect(r, &rect);
}

/* Segments for a circle of this radius: smooth at any size, few when small. */
static int segments_for(float radius, float sweep)
{
    int n = (int)ceilf(sweep * sqrtf(fmaxf(radius, 1.0f)) * 1.6f);
    if (n < 8)
        n = 8;
    if (n > 360)
        n = 360;
    return n;
}

/* A band between two radii from a0 over sweep, with feathered edges: the
 * solid part from rin+0.5 to rout-0.5, fading to clear one pixel out. */
static void band(SDL_Renderer *r, float cx, float cy, float rin, float rout, float a0,
                 float sweep, SDL_Color c, bool feather_in)
{
    /* The corners sit at fixed angles (multiples of one step of the whole
     * circle) with the arc's own ends between: an arc that grows or shrinks
     * keeps its edge where it was, so a frame that redraws only the end
     * that moved draws the same pixels as a whole frame would. */
    float step = 2 * PI_F / (float)segments_for(rout, 2 * PI_F);
    int k0 = (int)ceilf(a0 / step);
    int segs = (int)ceilf((a0 + sweep - (float)k0 * step) / step) + 1;
    SDL_Color clear = clear_of(c);
    float ro = rout - 0.5f, rof = rout + 0.5f;
    float ri = feather_in ? rin + 0.5f : rin, rif = rin - 0.5f;
    if (ri > ro)
        ri = ro = (rin + rout) / 2;
    bool solid = ro > ri;
    int n = 0, ns = 0;
    for (int i = 0; i < segs; i++) {
        float t0 = i == 0 ? a0 : step * (float)(k0 + i - 1);
        float t1 = fminf(step * (float)(k0 + i), a0 + sweep);
        if (t1 - t0 < 1e-5f)
            continue;
        float s0 = sinf(t0), c0 = -cosf(t0), s1 = sinf(t1), c1 = -cosf(t1);
        if (n + 6 > MAX_VERTS) {
            flush(r, n, c);
            n = 0;
        }
        if (ns + 12 > MAX_VERTS) {
            flush_soft(r, ns);
            ns = 0;
        }
        SDL_Vertex a = vert(cx + s0 * ri, cy + c0 * ri, c), b = vert(cx + s0 * ro, cy + c0 * ro, c);
        SDL_Vertex d = vert(cx + s1 * ri, cy + c1 * ri, c), e = vert(cx + s1 * ro, cy + c1 * ro, c);
        if (solid) {
            /* the solid quad between ri and ro */
            verts[n++] = a; verts[n++] = b; verts[n++] = e;
            verts[n++] = a; verts[n++] = e; verts[n++] = d;
        }
        /* outer feather */
        SDL_Vertex fo0 = vert(cx + s0 * rof, cy + c0 * rof, clear);
        SDL_Vertex fo1 = vert(cx + s1 * rof, cy + c1 * rof, clear);
        soft[ns++] = b; soft[ns++] = fo0; soft[ns++] = fo1;
        soft[ns++] = b; soft[ns++] = fo1; soft[ns++] = e;
        if (feather_in && rif > 0) {
            SDL_Vertex fi0 = vert(cx + s0 * rif, cy + c0 * rif, clear);
            SDL_Vertex fi1 = vert(cx + s1 * rif, cy + c1 * rif, clear);
            soft[ns++] = a; soft[ns++] = d; soft[ns++] = fi1;
            soft[ns++] = a; soft[ns++] = fi1; soft[ns++] = fi0;
        }
    }
    flush(r, n, c);
    flush_soft(r, ns);
}

void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c)
{
    if (radius <= 0)
        return;
    /* The interior as runs of pixels, then the feathered rim. */
    float ri = radius - 0.5f > 0 ? radius - 0.5f : 0;
    disc_spans(r, cx, cy, ri, c);
    band(r, cx, cy, ri, radius, 0, 2 * PI_F, c, false);
}

void draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
              float sweep, SDL_Color c)
{
    if (sweep <= 0 || thickness <= 0)
        return;
    if (sweep > 2 * PI_F)
        sweep = 2 * PI_F;
    band(r, cx, cy, radius - thickness, radius, a0, sweep, c, true);
}

SDL_Rect draw_arc_bounds(float cx, float cy, float radius, float thickness, float a0,
                         float sweep)
{
    if (sweep > 2 * PI_F)
        sweep = 2 * PI_F;
    float rin = fmaxf(radius - thickness - 1.0f, 0), rout = radius + 1.0f;
    float x0 = 1e30f, y0 = 1e30f, x1 = -1e30f, y1 = -1e30f;
    /* the ends, and every quarter turn in between where the arc bulges */
    float at[6];
    int n = 0;
    at[n++] = a0;
    at[n++] = a0 + sweep;
    for (int q = (int)ceilf(a0 / (PI_F / 2)); (float)q * (PI_F / 2) < a0 + sweep && n < 6; q++)
        at[n++] = (float)q * (PI_F / 2);
    for (int i = 0; i < n; i++) {
        float sx = sinf(at[i]), sy = -cosf(at[i]);
        for (int k = 0; k < 2; k++) {
            float rr = k ? rout : rin;
            x0 = fminf(x0, cx + sx * rr);
            x1 = fmaxf(x1, cx + sx * rr);
            y0 = fminf(y0, cy + sy * rr);
            y1 = fmaxf(y1, cy + sy * rr);
        }
    }
    int l = (int)floorf(x0) - 1, t = (int)floorf(y0) - 1;
    return (SDL_Rect){l, t, (int)ceilf(x1) + 2 - l, (int)ceilf(y1) + 2 - t};
}

SDL_Rect draw_arc_moved_bounds(float cx, float cy, float radius, float thickness, float a,
                               float b)
{
    float step = 2 * PI_F / (float)segments_for(radius, 2 * PI_F);
    float lo = fmaxf(fminf(a, b) - step, 0), hi = fmaxf(a, b) + step;
    return draw_arc_bounds(cx, cy, radius, thickness, lo, hi - lo);
}

SDL_Rect draw_circle_bounds(float cx, float cy, float radius)
{
    return draw_arc_bounds(cx, cy, radius, radius, 0, 2 * PI_F);
}

static void quad(int *n, float x0, float y0, float x1, float y1, SDL_Color c)
{
    verts[(*n)++] = vert(x0, y0, c);
    verts[(*n)++] = vert(x1, y0, c);
    verts[(*n)++] = vert(x1, y1, c);
    verts[(*n)++] = vert(x0, y0, c);
    verts[(*n)++] = vert(x1, y1, c);
    verts[(*n)++] = vert(x0, y1, c);
}

void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, float radius, SDL_Color c)
{
    if (rect.w <= 0 || rect.h <= 0)
        return;
    int rad = (int)fminf(radius, (float)(rect.w < rect.h ? rect.w : rect.h) / 2);
    if (rad < 1) {
        draw_rect(r, rect, c);
        return;
    }
    /* The straight parts are whole-pixel rectangles: exact, fast, and with
     * no seams (the software renderer can leave a hairline between two
     * triangles sharing an edge). Only the corners need anti-aliasing. */
    draw_rect(r, (SDL_Rect){rect.x + rad, rect.y, rect.w - 2 * rad, rect.h}, c);
    draw_rect(r, (SDL_Rect){rect.x, rect.y + rad, rad, rect.h - 2 * rad}, c);
    draw_rect(r, (SDL_Rect){rect.x + rect.w - rad, rect.y + rad, rad, rect.h - 2 * rad}, c);
    float x = (float)rect.x, y = (float)rect.y, w = (float)rect.w, h = (float)rect.h;
    float fr = (float)rad;
    float cxs[4] = {x + fr, x + w - fr, x + w - fr, x + fr};
    float cys[4] = {y + fr, y + fr, y + h - fr, y + h - fr};
    float starts[4] = {1.5f * PI_F, 0, 0.5f * PI_F, PI_F};
    /* Each corner's fan starts a pixel inside the rectangles, so the two
     * overlap instead of leaving a gap (buttons are opaque). */
    float dx[4] = {0.75f, -0.75f, -0.75f, 0.75f}, dy[4] = {0.75f, 0.75f, -0.75f, -0.75f};
    for (int i = 0; i < 4; i++) {
        int segs = segments_for(fr, PI_F / 2);
        int n = 0;
        float ri = fr - 0.5f;
        for (int k = 0; k < segs; k++) {
            float t0 = starts[i] + (PI_F / 2) * (float)k / (float)segs;
            float t1 = starts[i] + (PI_F / 2) * (float)(k + 1) / (float)segs;
            verts[n++] = vert(cxs[i] + dx[i], cys[i] + dy[i], c);
            verts[n++] = vert(cxs[i] + sinf(t0) * ri, cys[i] - cosf(t0) * ri, c);
            verts[n++] = vert(cxs[i] + sinf(t1) * ri, cys[i] - cosf(t1) * ri, c);
        }
        flush(r, n, c);
        band(r, cxs[i], cys[i], ri, fr, starts[i], PI_F / 2, c, false);
    }
}

void draw_round_frame(SDL_Renderer *r, SDL_Rect rect, float radius, float thickness,
                      SDL_Color c)
{
    float x = (float)rect.x, y = (float)rect.y, w = (float)rect.w, h = (float)rect.h;
    float rad = fminf(radius, fminf(w, h) / 2);
    if (rad < thickness)
        rad = thickness;
    float t = thickness;
    int n = 0;
    quad(&n, x + rad, y, x + w - rad, y + t, c);
    quad(&n, x + rad, y + h - t, x + w - rad, y + h, c);
    quad(&n, x, y + rad, x + t, y + h - rad, c);
    quad(&n, x + w - t, y + rad, x + w, y + h - rad, c);
    flush(r, n, c);
    draw_arc(r, x + rad, y + rad, rad, t, 1.5f * PI_F, PI_F / 2, c);
    draw_arc(r, x + w - rad, y + rad, rad, t, 0, PI_F / 2, c);
    draw_arc(r, x + w - rad, y + h - rad, rad, t, 0.5f * PI_F, PI_F / 2, c);
    draw_arc(r, x + rad, y + h - rad, rad, t, PI_F, PI_F / 2, c);
}

void draw_polyline(SDL_Renderer *r, const SDL_FPoint *pts, int npts, float thickness,
                   SDL_Color c)
{
    float hw = thickness / 2;
    SDL_Color z = clear_of(c);
    int n = 0, ns = 0;
    for (int i = 0; i + 1 < npts; i++) {
        float dx = pts[i + 1].x - pts[i].x, dy = pts[i + 1].y - pts[i].y;
        float len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-4f)
            continue;
        float nx = -dy / len, ny = dx / len;
        float in = hw - 0.5f > 0 ? hw - 0.5f : 0, out = hw + 0.5f;
        SDL_FPoint p0 = pts[i], p1 = pts[i + 1];
        SDL_Vertex a = vert(p0.x + nx * in, p0.y + ny * in, c);
        SDL_Vertex b = vert(p1.x + nx * in, p1.y + ny * in, c);
        SDL_Vertex d = vert(p1.x - nx * in, p1.y - ny * in, c);
        SDL_Vertex e = vert(p0.x - nx * in, p0.y - ny * in, c);
        SDL_Vertex ao = vert(p0.x + nx * out, p0.y + ny * out, z);
        SDL_Vertex bo = vert(p1.x + nx * out, p1.y + ny * out, z);
        SDL_Vertex do_ = vert(p1.x - nx * out, p1.y - ny * out, z);
        SDL_Vertex eo = vert(p0.x - nx * out, p0.y - ny * out, z);
        if (n + 6 > MAX_VERTS || ns + 12 > MAX_VERTS) {
            flush(r, n, c);
            flush_soft(r, ns);
            n = ns = 0;
        }
        SDL_Vertex body[6] = {a, b, d, a, d, e};
        SDL_Vertex edges[12] = {ao, bo, b, ao, b, a, e, d, do_, e, do_, eo};
        memcpy(verts + n, body, sizeof body);
        memcpy(soft + ns, edges, sizeof edges);
        n += 6;
        ns += 12;
    }
    flush(r, n, c);
    flush_soft(r, ns);
    /* round joints and caps */
    for (int i = 0; i < npts; i++)
        draw_circle(r, pts[i].x, pts[i].y, hw, c);
}

void draw_polygon(SDL_Renderer *r, const SDL_FPoint *pts, int npts, SDL_Color c)
{
    int n = 0;
    for (int i = 1; i + 1 < npts; i++) {
        if (n + 3 > MAX_VERTS) {
            flush(r, n, c);
            n = 0;
        }
        verts[n++] = vert(pts[0].x, pts[0].y, c);
        verts[n++] = vert(pts[i].x, pts[i].y, c);
        verts[n++] = vert(pts[i + 1].x, pts[i + 1].y, c);
    }
    flush(r, n, c);
    /* soften the edges with a thin line around */
    SDL_Color half = c;
    half.a = (Uint8)(c.a / 2);
    SDL_FPoint ring[65];
    int k = npts < 64 ? npts : 64;
    memcpy(ring, pts, sizeof(SDL_FPoint) * (size_t)k);
    ring[k] = pts[0];
    int nv = 0;
    for (int i = 0; i < k; i++) {
        float dx = ring[i + 1].x - ring[i].x, dy = ring[i + 1].y - ring[i].y;
        float len = sqrtf(dx * dx + dy * dy);
        if (len < 1e-4f)
            continue;
        float nx = -dy / len * 0.5f, ny = dx / len * 0.5f;
        SDL_Color z = clear_of(c);
        soft[nv++] = vert(ring[i].x, ring[i].y, half);
        soft[nv++] = vert(ring[i + 1].x, ring[i + 1].y, half);
        soft[nv++] = vert(ring[i + 1].x - nx, ring[i + 1].y - ny, z);
        soft[nv++] = vert(ring[i].x, ring[i].y, half);
        soft[nv++] = vert(ring[i + 1].x - nx, ring[i + 1].y - ny, z);
        soft[nv++] = vert(ring[i].x - nx, ring[i].y - ny, z);
    }
    flush_soft(r, nv);
}

/* --- icons ------------------------------------------------------------------ */

static SDL_FPoint at(SDL_Rect b, float fx, float fy)
{
    SDL_FPoint p = {(float)b.x + fx * (float)b.w, (float)b.y + fy * (float)b.h};
    return p;
}

void draw_icon_check(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    SDL_FPoint p[3] = {at(b, 0.2f, 0.52f), at(b, 0.42f, 0.74f), at(b, 0.82f, 0.28f)};
    draw_polyline(r, p, 3, (float)b.w * 0.11f, c);
}

void draw_icon_wave(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    /* an open hand: palm and four fingers and a thumb */
    float w = (float)b.w;
    draw_round_rect(r, (SDL_Rect){b.x + (int)(w * 0.28f), b.y + (int)(w * 0.42f),
                                  (int)(w * 0.46f), (int)(w * 0.46f)},
                    w * 0.16f, c);
    float xs[4] = {0.33f, 0.45f, 0.57f, 0.69f};
    float tops[4] = {0.2f, 0.12f, 0.14f, 0.24f};
    for (int i = 0; i < 4; i++) {
        SDL_FPoint f[2] = {at(b, xs[i], tops[i]), at(b, xs[i], 0.55f)};
        draw_polyline(r, f, 2, w * 0.1f, c);
    }
    SDL_FPoint thumb[2] = {at(b, 0.2f, 0.48f), at(b, 0.33f, 0.68f)};
    draw_polyline(r, thumb, 2, w * 0.1f, c);
}

/* The outer point where a line from t touches the circle (c, radius),
 * turned from the line t-c by sign (-1 anticlockwise on screen, +1 clockwise). */
static SDL_FPoint tangent_point(SDL_FPoint t, SDL_FPoint c, float radius, float sign)
{
    float dx = c.x - t.x, dy = c.y - t.y, dist = sqrtf(dx * dx + dy * dy);
    float along = sqrtf(fmaxf(0, dist * dist - radius * radius)), beta = asinf(radius / dist);
    float a = atan2f(dy, dx) + sign * beta;
    return (SDL_FPoint){t.x + along * cosf(a), t.y + along * sinf(a)};
}

void draw_icon_heart(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    /* two lobes and the point below them, the sides tangent to the lobes */
    float w = (float)b.w, lobe = w * 0.21f;
    SDL_FPoint left = at(b, 0.31f, 0.36f), right = at(b, 0.69f, 0.36f), tip = at(b, 0.5f, 0.86f);
    draw_circle(r, left.x, left.y, lobe, c);
    draw_circle(r, right.x, right.y, lobe, c);
    SDL_FPoint body[5] = {tip, tangent_point(tip, left, lobe, -1.0f), left, right,
                          tangent_point(tip, right, lobe, 1.0f)};
    draw_polygon(r, body, 5, c);
}

void draw_icon_info(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float w = (float)b.w;
    draw_arc(r, (float)b.x + w / 2, (float)b.y + w / 2, w * 0.45f, w * 0.08f, 0, 2 * PI_F, c);
    draw_circle(r, (float)b.x + w / 2, (float)b.y + w * 0.3f, w * 0.065f, c);
    SDL_FPoint s[2] = {at(b, 0.5f, 0.45f), at(b, 0.5f, 0.72f)};
    draw_polyline(r, s, 2, w * 0.1f, c);
}

void draw_icon_lock(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float w = (float)b.w;
    draw_arc(r, (float)b.x + w / 2, (float)b.y + w * 0.42f, w * 0.22f, w * 0.08f, 1.5f * PI_F,
             PI_F, c);
    SDL_FPoint l[2] = {at(b, 0.28f, 0.42f), at(b, 0.28f, 0.5f)};
    SDL_FPoint rr[2] = {at(b, 0.72f, 0.42f), at(b, 0.72f, 0.5f)};
    draw_polyline(r, l, 2, w * 0.08f, c);
    draw_polyline(r, rr, 2, w * 0.08f, c);
    draw_round_rect(r, (SDL_Rect){b.x + (int)(w * 0.18f), b.y + (int)(w * 0.48f),
                                  (int)(w * 0.64f), (int)(w * 0.42f)},
                    w * 0.06f, c);
}

void draw_icon_globe(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float w = (float)b.w, cx = (float)b.x + w / 2, cy = (float)b.y + w / 2;
    float t = w * 0.07f;
    draw_arc(r, cx, cy, w * 0.44f, t, 0, 2 * PI_F, c);
    SDL_FPoint eq[2] = {at(b, 0.1f, 0.5f), at(b, 0.9f, 0.5f)};
    SDL_FPoint mer[2] = {at(b, 0.5f, 0.08f), at(b, 0.5f, 0.92f)};
    draw_polyline(r, eq, 2, t * 0.8f, c);
    draw_polyline(r, mer, 2, t * 0.8f, c);
    SDL_FPoint arc[9];
    for (int side = -1; side <= 1; side += 2) {
        for (int i = 0; i < 9; i++) {
            float a = -PI_F / 2 + PI_F * (float)i / 8.0f;
            arc[i].x = cx + (float)side * cosf(a) * w * 0.2f;
            arc[i].y = cy + sinf(a) * w * 0.42f;
        }
        draw_polyline(r, arc, 9, t * 0.8f, c);
    }
}

void draw_icon_back(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    SDL_FPoint p[3] = {at(b, 0.62f, 0.2f), at(b, 0.32f, 0.5f), at(b, 0.62f, 0.8f)};
    draw_polyline(r, p, 3, (float)b.w * 0.11f, c);
}

void draw_icon_forward(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    SDL_FPoint p[3] = {at(b, 0.38f, 0.2f), at(b, 0.68f, 0.5f), at(b, 0.38f, 0.8f)};
    draw_polyline(r, p, 3, (float)b.w * 0.11f, c);
}

void draw_icon_erase(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float t = (float)b.w * 0.08f;
    SDL_FPoint outline[6] = {at(b, 0.08f, 0.5f), at(b, 0.32f, 0.22f), at(b, 0.92f, 0.22f),
                             at(b, 0.92f, 0.78f), at(b, 0.32f, 0.78f), at(b, 0.08f, 0.5f)};
    draw_polyline(r, outline, 6, t, c);
    SDL_FPoint x1[2] = {at(b, 0.48f, 0.37f), at(b, 0.74f, 0.63f)};
    SDL_FPoint x2[2] = {at(b, 0.74f, 0.37f), at(b, 0.48f, 0.63f)};
    draw_polyline(r, x1, 2, t, c);
    draw_polyline(r, x2, 2, t, c);
}

void draw_icon_qr(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    float w = (float)b.w, t = w * 0.08f;
    float corners[3][2] = {{0.1f, 0.1f}, {0.6f, 0.1f}, {0.1f, 0.6f}};
    for (int i = 0; i < 3; i++) {
        SDL_Rect fr = {b.x + (int)(corners[i][0] * w), b.y + (int)(corners[i][1] * w),
                       (int)(0.3f * w), (int)(0.3f * w)};
        draw_round_frame(r, fr, w * 0.05f, t, c);
    }
    float dots[5][2] = {{0.64f, 0.64f}, {0.8f, 0.64f}, {0.64f, 0.8f}, {0.8f, 0.8f}, {0.72f, 0.72f}};
    for (int i = 0; i < 4; i++)
        draw_rect(r, (SDL_Rect){b.x + (int)(dots[i][0] * w), b.y + (int)(dots[i][1] * w),
                                (int)(0.1f * w), (int)(0.1f * w)},
                  c);
}

void draw_icon_camera(SDL_Renderer *r, SDL_Rect b, SDL_Color c)
{
    /* a camera body with its lens, and the bump of the viewfinder */
    float w = (float)b.w, t = w * 0.08f;
    SDL_Rect body = {b.x + (int)(w * 0.08f), b.y + (int)(w * 0.3f), (int)(w * 0.84f),
                     (int)(w * 0.56f)};
    draw_round_frame(r, body, w * 0.1f, t, c);
    draw_round_rect(r, (SDL_Rect){b.x + (int)(w * 0.34f), b.y + (int)(w * 0.16f),
                                  (int)(w * 0.32f), (int)(w * 0.18f)},
                    w * 0.05f, c);
    draw_arc(r, (float)b.x + w / 2, (float)b.y + w * 0.58f, w * 0.17f, t, 0, 2 * PI_F, c);
}

/* A mouth across cx +- half_w at height y: a curve whose middle sits bend
 * below its corners (a smile) or above them (bend < 0, a frown). */
static void face_mouth(SDL_Renderer *r, float cx, float y, float half_w, float bend, float thick,
                       SDL_Color ink)
{
    SDL_FPoint m[13];
    for (int i = 0; i < 13; i++) {
        float t = (float)i / 12.0f * 2 - 1; /* -1..1 */
        m[i].x = cx + t * half_w;
        m[i].y = y + (1 - t * t) * bend - bend * 0.5f;
    }
    draw_polyline(r, m, 13, thick, ink);
}

void draw_face(SDL_Renderer *r, SDL_Rect b, int value, SDL_Color fill, SDL_Color ink)
{
    float w = (float)b.w, cx = (float)b.x + w / 2, cy = (float)b.y + (float)b.h / 2;
    float rad = fminf(w, (float)b.h) * 0.46f;
    draw_circle(r, cx, cy, rad, fill);
    value = value < 1 ? 1 : value > 5 ? 5 : value;
    /* Each point its own shape, so that a glance (or a grey screen) tells
     * them apart: 1 worried brows over a deep frown, 2 a frown, 3 a level
     * line, 4 a smile, 5 eyes closed in laughter over a wide open smile.
     * Lines are a tenth of the radius or more: still solid at 15 mm. */
    float ey = cy - rad * 0.22f, ex = rad * 0.34f, er = rad * 0.11f, line = rad * 0.12f;
    float my = cy + rad * 0.36f;
    if (value == 5) {
        /* happy eyes: arches, the shape of a smile turned over */
        for (int side = -1; side <= 1; side += 2) {
            SDL_FPoint arch[9];
            for (int i = 0; i < 9; i++) {
                float a = PI_F + PI_F * (float)i / 8.0f;
                arch[i].x = cx + (float)side * ex + cosf(a) * er * 1.7f;
                arch[i].y = ey + er * 0.9f + sinf(a) * er * 1.7f;
            }
            draw_polyline(r, arch, 9, line, ink);
        }
    } else {
        draw_circle(r, cx - ex, ey, er, ink);
        draw_circle(r, cx + ex, ey, er, ink);
    }
    if (value == 1) {
        /* worried brows, raised towards the middle: low, not angry */
        float by = ey - er * 2.4f;
        SDL_FPoint lb[2] = {{cx - ex - er * 1.6f, by + er * 0.6f}, {cx - ex + er * 1.3f, by - er * 0.9f}};
        SDL_FPoint rb[2] = {{cx + ex + er * 1.6f, by + er * 0.6f}, {cx + ex - er * 1.3f, by - er * 0.9f}};
        draw_polyline(r, lb, 2, line * 0.8f, ink);
        draw_polyline(r, rb, 2, line * 0.8f, ink);
    }
    if (value == 1 || value == 5) {
        /* an open mouth, filled: a round bottom under a flat top for the
         * laugh, turned over (round top, flat bottom) for distress */
        float half = rad * (value == 5 ? 0.52f : 0.4f), depth = rad * (value == 5 ? 0.44f : 0.3f);
        float flat = value == 5 ? cy + rad * 0.12f : cy + rad * 0.62f;
        float dir = value == 5 ? 1.0f : -1.0f;
        SDL_FPoint mouth[17];
        for (int i = 0; i < 17; i++) {
            float a = PI_F * (float)i / 16.0f;
            mouth[i].x = cx - cosf(a) * half;
            mouth[i].y = flat + dir * sinf(a) * depth;
        }
        draw_polygon(r, mouth, 17, ink);
    } else {
        /* a line: bent down (2), level (3), bent up (4) */
        float bend = value == 2 ? -rad * 0.42f : value == 4 ? rad * 0.42f : 0;
        face_mouth(r, cx, my + (value == 2 ? rad * 0.06f : 0), rad * (value == 3 ? 0.36f : 0.46f),
                   bend, line, ink);
    }
}

bool draw_qr(SDL_Renderer *r, SDL_Rect box, const char *text, SDL_Color dark, SDL_Color light)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return false;
    int modules = qr->width + 8; /* quiet zone of four on each side */
    int side = box.w < box.h ? box.w : box.h;
    int m = side / modules;
    if (m < 1) {
        QRcode_free(qr);
        return false;
    }
    int total = m * modules;
    int x0 = box.x + (box.w - total) / 2, y0 = box.y + (box.h - total) / 2;
    draw_rect(r, (SDL_Rect){x0, y0, total, total}, light);
    SDL_SetRenderDrawBlendMode(r, SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r, dark.r, dark.g, dark.b, 255);
    for (int y = 0; y < qr->width; y++) {
        for (int x = 0; x < qr->width; x++) {
            if (qr->data[y * qr->width + x] & 1) {
                SDL_Rect cell = {x0 + (x + 4) * m, y0 + (y + 4) * m, m, m};
                SDL_RenderFillRect(r, &cell);
            }
        }
    }
    QRcode_free(qr);
    return true;
}
