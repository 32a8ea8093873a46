/* Anti-aliased shapes on any SDL renderer (the software one included),
 * built from triangles with a one-pixel feathered edge. */
#ifndef HEARTH_DRAW_H
#define HEARTH_DRAW_H

#include <SDL.h>
#include <stdbool.h>

void draw_clear(SDL_Renderer *r, SDL_Color c);
void draw_rect(SDL_Renderer *r, SDL_Rect rect, SDL_Color c);

/* A filled disc. */
void draw_circle(SDL_Renderer *r, float cx, float cy, float radius, SDL_Color c);

/* A ring (annulus) arc from angle a0 sweeping sweep radians clockwise; 0 is
 * twelve o'clock. A full ring when sweep >= 2 pi. */
void draw_arc(SDL_Renderer *r, float cx, float cy, float radius, float thickness, float a0,
              float sweep, SDL_Color c);

/* The pixels draw_arc with these arguments may touch (its feathered edges
 * included): what a frame that moves one end of an arc must redraw. */
SDL_Rect draw_arc_bounds(float cx, float cy, float radius, float thickness, float a0,
                         float sweep);

/* What a frame must redraw when the start of an arc drawn by draw_arc
 * (radius, thickness; its other end fixed) moves from angle a to angle b:
 * the pixels between, and those of the segments on either side, whose
 * triangles change shape with it. */
SDL_Rect draw_arc_moved_bounds(float cx, float cy, float radius, float thickness, float a,
                               float b);

/* The pixels draw_circle may touch. */
SDL_Rect draw_circle_bounds(float cx, float cy, float radius);

/* A filled rectangle with rounded corners. */
void draw_round_rect(SDL_Renderer *r, SDL_Rect rect, float radius, SDL_Color c);

/* The outline of a rounded rectangle, thickness pixels wide, drawn inside. */
void draw_round_frame(SDL_Renderer *r, SDL_Rect rect, float radius, float thickness,
                      SDL_Color c);

/* A polyline of thickness pixels with round ends. */
void draw_polyline(SDL_Renderer *r, const SDL_FPoint *pts, int n, float thickness, SDL_Color c);

/* A filled convex polygon. */
void draw_polygon(SDL_Renderer *r, const SDL_FPoint *pts, int n, SDL_Color c);

/* Icons, drawn in a square box. */
void draw_icon_check(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void draw_icon_wave(SDL_Renderer *r, SDL_Rect box, SDL_Color c);   /* a raised hand: "someone asked" */
void draw_icon_heart(SDL_Renderer *r, SDL_Rect box, SDL_Color c);  /* warm: "welcome back" */
void draw_icon_info(SDL_Renderer *r, SDL_Rect box, SDL_Color c);   /* "i" in a ring */
void draw_icon_lock(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void draw_icon_globe(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void draw_icon_back(SDL_Renderer *r, SDL_Rect box, SDL_Color c);   /* a left chevron */
void draw_icon_forward(SDL_Renderer *r, SDL_Rect box, SDL_Color c); /* a right chevron */
void draw_icon_erase(SDL_Renderer *r, SDL_Rect box, SDL_Color c);  /* backspace */
void draw_icon_qr(SDL_Renderer *r, SDL_Rect box, SDL_Color c);     /* a QR-like glyph */
void draw_icon_camera(SDL_Renderer *r, SDL_Rect box, SDL_Color c); /* camera check-in */

/* One of five mood faces, value 1 (lowest) to 5 (best), in a square box:
 * a disc in fill, features in ink. Vector shapes, never emoji. */
void draw_face(SDL_Renderer *r, SDL_Rect box, int value, SDL_Color fill, SDL_Color ink);

/* A QR code for text (alphanumeric mode when the text allows), centred in
 * box on a light quiet zone of four modules. Returns false when it cannot
 * be encoded. */
bool draw_qr(SDL_Renderer *r, SDL_Rect box, const char *text, SDL_Color dark,
             SDL_Color light);

#endif
