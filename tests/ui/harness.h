/* Headless UI tests: the real screens drawn by SDL's software renderer into
 * a surface, a virtual clock, and input events fed straight to the app. */
#ifndef HEARTH_HARNESS_H
#define HEARTH_HARNESS_H

#include "core/pass.h"
#include "testkit.h"
#include "ui/app.h"
#include "ui/textlog.h"

typedef struct Harness {
    App app;
    SDL_Window *window;   /* hx_new_window's (the surface is its own) */
    SDL_Surface *surface;
    SDL_Surface *room_surface; /* the second display, when added */
    HearthPaths paths;
    char db_path[512];
    char name[64];
    unsigned long frames; /* frames drawn (whole or in part) by hx_frame */
} Harness;

/* A fixed, known instant for the wall clock: Tuesday 24 November 2026,
 * 09:00 UTC (the tests run with TZ=UTC). */
#define HX_WALL_START 1795510800000LL

/* A kiosk of w x h pixels on a new database (db_path NULL) or an existing
 * one; the door is pushed, and the setup screen when the kiosk is new and
 * with_setup is set. */
Harness *hx_new(int w, int h, const char *db_path);
/* The same on a (hidden) window of SDL's dummy driver, drawn by SDL's
 * software renderer into the window's surface as the kiosk draws on X:
 * frames reach it through SDL_UpdateWindowSurfaceRects. */
Harness *hx_new_window(int w, int h);
void hx_free(Harness *hx);

/* A kiosk whose database would not open (why is store_open's sentence):
 * no store, the recovery screen on top. */
Harness *hx_new_recovery(int w, int h, const char *db_path, const char *why);
/* A kiosk that started on a full disk (why as above): no store, the
 * nospace screen on top. */
Harness *hx_new_nospace(int w, int h, const char *db_path, const char *why);

/* Adds a second display for the room (a TV beside the facilitator's
 * tablet): views[1], drawn with the room's role. */
void hx_add_room_view(Harness *hx, int w, int h);
/* Saves the room's display as <output>/<name>.png. */
const char *hx_screenshot_room(Harness *hx, const char *name);

/* Resizes the view (as a rotated or different screen would). */
void hx_resize(Harness *hx, int w, int h);

/* One turn of the loop: update, then draw if needed (counted in frames). */
void hx_frame(Harness *hx);
/* Advances the virtual clocks by ms in frame-sized steps, one turn each. */
void hx_advance(Harness *hx, uint64_t ms);

/* Input. */
void hx_event(Harness *hx, const SDL_Event *ev);
void hx_tap(Harness *hx, int x, int y);
void hx_touch(Harness *hx, int x, int y); /* a finger, not the mouse */
bool hx_tap_target(Harness *hx, int id);  /* false when no such target */
/* Holds a target down for ms (a hold target needs APP_HOLD_MS), then lets
 * go; false when no such target. */
bool hx_hold_target(Harness *hx, int id, uint64_t ms);
void hx_key(Harness *hx, SDL_Keycode key);
void hx_key_mod(Harness *hx, SDL_Keycode key, SDL_Keymod mod);
/* Text as a keyboard types it: KEYDOWN and TEXTINPUT per character, ms_per_key
 * apart on the virtual clock (a scanner types every few ms, a person every
 * couple of hundred). */
void hx_type(Harness *hx, const char *text, int ms_per_key);

/* The one integer a SQL query on the kiosk's database returns (tests
 * check outcomes in the database). */
int hx_count(Harness *hx, const char *sql);

/* Opens a session for "DBT Skills - Tue AM" (the door sees it within its
 * two-second poll), and issues a pass whose payload goes to payload. */
void hx_open_session(Harness *hx);
void hx_issue_pass(Harness *hx, char payload[PASS_PAYLOAD_SIZE]);

/* An exercise of the test's own (id, one title in both languages, steps
 * kept by the caller) into ex, as the catalog would give it: the player
 * runs it like any other. */
struct Exercise;
struct Step;
void hx_make_exercise(struct Exercise *ex, const char *id, const char *title,
                      const struct Step *steps, int nsteps);

/* 4-7-8 breathing (a hold after breathing in only), which the catalog does
 * not ship: one breathe step of 95 s, made once, for the pacer's tests. */
const struct Exercise *hx_exercise_478(void);

/* Fails unless every target of the top screen lies inside the view, is at
 * least 9 mm (widget_min_touch) on each side, and overlaps no other. */
void hx_check_targets(Harness *hx, const char *where);

/* Draws the top screen whole with a record of every text on the main view
 * (ui/textlog.h): the record, kept until the next call. With contrast, each
 * text's contrast against the pixels behind it is measured too. */
const TextLog *hx_drawn(Harness *hx, bool contrast);

/* State. */
const char *hx_top(Harness *hx);
bool hx_target(Harness *hx, int id, SDL_Rect *out);

/* Pixels. */
SDL_Color hx_pixel(Harness *hx, int x, int y);
/* Share (0-1) of pixels in r within tol of c on each channel. */
double hx_share(Harness *hx, SDL_Rect r, SDL_Color c, int tol);
/* Saves <output>/<name>.png; returns the path. */
const char *hx_screenshot(Harness *hx, const char *name);

/* The sizes every screen is checked at. */
typedef struct HxSize {
    int w, h;
    const char *name;
} HxSize;
extern const HxSize hx_sizes[];
extern const int hx_nsizes;

#endif
