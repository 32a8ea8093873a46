/* Buttons, cards and the layout helpers shared by the screens.
 *
 * Text sizes come from the type scale (type.h) and never change to fit:
 * a button is as tall as its label needs at its width (and never under
 * 9 mm), a row of buttons as tall as its tallest, and what does not fit a
 * screen goes to a list that scrolls by whole rows (ScrollList) or to a
 * page of its own. Grids have fixed slots, so a tile keeps its place when
 * another appears or goes. */
#ifndef HEARTH_WIDGET_H
#define HEARTH_WIDGET_H

#include "ui/app.h"
#include "ui/rect.h"
#include "ui/type.h"

typedef enum ButtonKind {
    BUTTON_PRIMARY,   /* the one thing to do: amber */
    BUTTON_SECONDARY, /* a raised surface */
    BUTTON_QUIET,     /* an outline, for "skip" and corner buttons */
    BUTTON_CHOSEN     /* the option chosen among several: amber with a check
                         mark, the one way every screen marks a choice */
} ButtonKind;

/* The smallest side of a touch target in pixels for this view: 9 mm. */
int widget_min_touch(const View *v);

/* The smallest side in pixels of a target of mm millimetres on this view. */
int widget_mm(const View *v, float mm);

/* Pixels per millimetre of a display w x h pixels from the DPI it reports
 * (0 when it reports none). A report SDL cannot have measured (none, out
 * of reason, or exactly 96, X's stand-in) is replaced by assuming the
 * screen is no larger than 7 inches across, capped at 300 dpi: too large
 * a guess only makes targets bigger, never smaller than 9 mm on a real
 * 7-inch touchscreen. */
float widget_px_per_mm(float hdpi, float vdpi, int w, int h);

/* Draws a button for target t with its label, pressed and focused states
 * from the app. An icon function may be given (drawn left of the label,
 * or alone when label is NULL). The label is in the label role, wrapped
 * between words to the button's width, never made smaller. */
typedef void (*IconFn)(SDL_Renderer *r, SDL_Rect box, SDL_Color c);
void widget_button(App *app, View *v, const Target *t, const char *label, ButtonKind kind,
                   IconFn icon);


/* The height a button w pixels wide needs for label (with an icon when
 * icon is set): its lines and padding, at least 9 mm. */
int widget_button_h(const App *app, const View *v, const char *label, bool icon, int w);

/* The narrowest a button can be without cutting a word of label (words
 * split at plain spaces; a no-break space keeps its neighbours whole),
 * with room for an icon when icon is set. */
int widget_button_min_w(const App *app, const View *v, const char *label, bool icon);

/* The width a button needs for label on one line (icon included), capped
 * at max_w; a label wider than that wraps in it. */
int widget_button_w(const App *app, const View *v, const char *label, bool icon, int max_w);

/* The height of a row of n buttons sharing w (gap between): the tallest
 * label's need. */
int widget_row_h(const App *app, const View *v, const char *const *labels, int n, int w,
                 int gap);

/* True while a finger or mouse button is down on target id. */
bool widget_pressed(const App *app, int id);
/* True when target id has the keyboard focus and the ring is shown. */
bool widget_focused(const App *app, int id);
/* Draws the focus ring around rect when target id has the focus. */
void widget_focus_ring(App *app, View *v, SDL_Rect rect, int id);

/* A card: a raised rounded surface (outlined in high contrast). */
void widget_card(App *app, View *v, SDL_Rect rect);

/* A layer over what is drawn (a dialog's backdrop): darkens the view and
 * tells the text log that what was under it is covered. */
void widget_scrim(App *app, View *v);

/* A grid of fixed slots: cols columns of equal width, rows of cell_h, gap
 * between. Slot i stays where it is whatever else shows. */
typedef struct Grid {
    SDL_Rect area;
    int cols, cell_w, cell_h, gap;
} Grid;
Grid grid_make(SDL_Rect area, int cols, int cell_h, int gap);
SDL_Rect grid_cell(const Grid *g, int i);
/* How many rows of cell_h fit in h. */
int grid_rows_fit(int h, int cell_h, int gap);

/* A list that scrolls by whole rows: items of their own heights, shown
 * from first while they fit; arrows above and below move it. */
typedef struct ScrollList {
    int first;  /* the first item shown */
    int shown;  /* how many are shown from it (set by scroll_layout) */
    int count;  /* all items */
} ScrollList;

/* Lays out the items (heights[i] each, gap between) in area from
 * list->first (kept within reach of the end), filling out[k] for the k-th
 * item shown. When not all fit, the arrows take a column at the right of
 * area (up and down, each at least 9 mm); else they are empty. */
void scroll_layout(ScrollList *list, const int *heights, int n, SDL_Rect area, int gap,
                   int arrow_w, SDL_Rect *out, SDL_Rect *up, SDL_Rect *down);
/* Moves the list by a page (dir -1 up, +1 down); true when it moved. */
bool scroll_page(ScrollList *list, int dir);
/* Up and down arrows for a list. */
void scroll_draw_arrows(App *app, View *v, const ScrollList *list, const Target *up,
                        const Target *down);

/* Paragraphs of text (split at blank lines) in area, in role and colour
 * c, each as tall as its words; when they do not all fit they scroll by
 * whole paragraphs with list's arrows at the right (up and down, empty
 * when all fit; the screen makes them targets up_id and up_id + 1 and
 * pages with scroll_page). Drawn when draw is set, else only laid out. The body of
 * the screens that explain (a damaged database, a full disk). */
void widget_paragraphs(App *app, View *v, ScrollList *list, const char *text, TypeRole role,
                       SDL_Color c, SDL_Rect area, int up_id, SDL_Rect *up, SDL_Rect *down,
                       bool draw);

/* The whole view as a rectangle, minus a margin of m units. */
SDL_Rect view_area(const View *v, float margin_units);

/* Standard heights and gaps in pixels for a view. */
int ui_gap(const View *v);
/* A one-line button: the label role's line and padding, at least 9 mm. */
int ui_button_h(const App *app, const View *v);

/* The time at the top of a screen, "Tuesday 24 November, 9:02 AM". */
void ui_format_now(const App *app, char *out, size_t n);

/* "Talk to someone", the door's and the room's way to the help card:
 * its width in a bar (its words and icon, at most a third of the bar; the
 * words wrap past that), and the button itself. */
int widget_help_width(App *app, const View *v, SDL_Rect bar);
void widget_help_button(App *app, View *v, const Target *t);

/* The screen header: a title on the left, the time on the right, and an
 * optional back button (target id back_id, or -1). The title wraps when
 * it is long (the date gives way to the time first). ui_body says where
 * the screen goes below it without drawing; ui_header draws it and says
 * the same. */
SDL_Rect ui_body(App *app, const View *v, const char *title, bool back);
SDL_Rect ui_header(App *app, View *v, const char *title, int back_id);
/* The back button's rectangle in the header (for targets()). */
SDL_Rect ui_header_back_rect(const View *v);

#endif
