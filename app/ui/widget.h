/* Buttons, keypads and layout helpers shared by the screens. Sizes come in
 * layout units; touch targets never fall under 9 mm on the real screen. */
#ifndef HEARTH_WIDGET_H
#define HEARTH_WIDGET_H

#include "ui/app.h"

typedef enum ButtonKind {
    BUTTON_PRIMARY,   /* the one thing to do: amber */
    BUTTON_SECONDARY, /* a raised surface */
    BUTTON_QUIET      /* text only, for "skip" and corner buttons */
} ButtonKind;

/* The smallest side of a touch target in pixels for this view: 9 mm. */
int widget_min_touch(const View *v);

/* Pixels per millimetre of a display w x h pixels from the DPI it reports
 * (0 when it reports none). A report SDL cannot have measured (none, out
 * of reason, or exactly 96, X's stand-in) is replaced by assuming the
 * screen is no larger than 7 inches across, capped at 300 dpi: too large
 * a guess only makes targets bigger, never smaller than 9 mm on a real
 * 7-inch touchscreen. */
float widget_px_per_mm(float hdpi, float vdpi, int w, int h);

/* Draws a button for target t with its label, pressed and focused states
 * from the app. An icon function may be given (drawn left of the label,
 * or alone when label is NULL). */
typedef void (*IconFn)(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void widget_button(App *app, View *v, const Target *t, const char *label, ButtonKind kind,
                   IconFn icon);

/* True while a finger or mouse button is down on target id. */
bool widget_pressed(const App *app, int id);
/* True when target id has the keyboard focus and the ring is shown. */
bool widget_focused(const App *app, int id);
/* Draws the focus ring around rect when target id has the focus. */
void widget_focus_ring(App *app, View *v, SDL_Rect rect, int id);

/* A card: a raised rounded surface. */
void widget_card(App *app, View *v, SDL_Rect rect);

/* Layout helpers. */
SDL_Rect rect_inset(SDL_Rect r, int d);
/* Splits r into n equal columns (or rows) with gap between; returns the i-th. */
SDL_Rect rect_col(SDL_Rect r, int n, int i, int gap);
SDL_Rect rect_row(SDL_Rect r, int n, int i, int gap);
/* Takes h pixels off the top (or bottom) of *r and returns them. */
SDL_Rect rect_cut_top(SDL_Rect *r, int h);
SDL_Rect rect_cut_bottom(SDL_Rect *r, int h);
SDL_Rect rect_cut_left(SDL_Rect *r, int w);
SDL_Rect rect_cut_right(SDL_Rect *r, int w);
/* A w x h rectangle centred in r. */
SDL_Rect rect_center(SDL_Rect r, int w, int h);

/* The whole view as a rectangle, minus a margin of m units. */
SDL_Rect view_area(const View *v, float margin_units);

/* Standard heights and gaps in pixels for a view. */
int ui_gap(const View *v);
int ui_button_h(const App *app, const View *v);

/* The time at the top of a screen, "Tuesday 24 November, 9:02 AM". */
void ui_format_now(const App *app, char *out, size_t n);

/* "Talk to someone", the door's and the room's way to the help card:
 * its width in a bar (its words and icon, at most a third of the bar), and
 * the button itself. */
int widget_help_width(App *app, const View *v, SDL_Rect bar);
void widget_help_button(App *app, View *v, const Target *t);

/* The screen header: a title on the left, the time on the right, and an
 * optional back button (target id back_id, or -1). Returns the area left
 * below it. */
SDL_Rect ui_header(App *app, View *v, const char *title, int back_id);
/* The back button's rectangle in the header (for targets()). */
SDL_Rect ui_header_back_rect(const View *v);

#endif
