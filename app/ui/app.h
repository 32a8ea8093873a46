/* The kiosk's state, its screen stack and its views.
 *
 * One App drives one or two views (the door or facilitator's display, and
 * the room's TV when a second display is present). Screens are sets of
 * callbacks (enter, leave, event, update, draw); update never draws, and
 * every update reads the time from app->now, set once per turn of the loop
 * by the real clock in the kiosk or by a virtual clock in the tests. */
#ifndef HEARTH_APP_H
#define HEARTH_APP_H

#include "core/paths.h"
#include "core/settings.h"
#include "svc/database.h"
#include "ui/text.h"
#include "ui/theme.h"

#include <SDL.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct App App;
typedef struct Screen Screen;
typedef struct Chime Chime;
typedef struct Catalog Catalog;
typedef struct CameraSource CameraSource;

typedef enum ViewRole {
    VIEW_MAIN, /* the display people touch: door, or the facilitator's */
    VIEW_ROOM  /* a second display for the room: no controls, no notes */
} ViewRole;

/* How a view's frames reach the screen, and so whether a frame may redraw
 * only part of it (app_invalidate_rect): what was drawn must still be there
 * at the next frame. */
typedef enum ViewPresent {
    PRESENT_WHOLE,   /* each frame drawn whole (no way to keep the last) */
    PRESENT_SURFACE, /* into an off-screen surface (tests): it keeps it */
    PRESENT_WINDOW,  /* SDL's software renderer on the window's own surface:
                        the changed rectangles alone are sent to the screen */
    PRESENT_CANVAS   /* a GPU renderer: frames are drawn into a texture that
                        keeps them, copied whole to the screen */
} ViewPresent;

typedef struct View {
    ViewRole role;
    SDL_Window *window;     /* NULL when drawing off screen (tests) */
    SDL_Renderer *renderer;
    SDL_Surface *surface;   /* the off-screen target, or NULL */
    int w, h;               /* output size in pixels */
    float unit;             /* layout unit: 1/100 of the shorter side */
    float px_per_mm;        /* from the display's DPI (default 96 dpi) */
    TextCache *text;
    ViewPresent present;
    SDL_Texture *canvas;    /* PRESENT_CANVAS's texture */
    SDL_Rect damage;        /* to redraw at the end of this turn (w 0: none) */
    SDL_Rect clip;          /* what the frame being drawn covers */
} View;

/* Something a finger, a mouse or the keyboard can activate. Screens list
 * their targets in reading order; the app does hit-testing, focus (Tab,
 * arrows) and activation (Enter, Space, a tap) the same way everywhere. */
typedef struct Target {
    int id;          /* the screen's own meaning; >= 0 */
    SDL_Rect rect;
    bool disabled;
} Target;

/* How long a hold target (ScreenClass.hold) must be held. */
#define APP_HOLD_MS 2000

#define APP_MAX_TARGETS 64
#define APP_STACK_MAX 8

typedef struct ScreenClass {
    const char *name;
    /* The screen became the top of the stack (pushed, or uncovered). */
    void (*enter)(App *app, Screen *s);
    /* The screen stops being on top (covered, or about to be popped). */
    void (*leave)(App *app, Screen *s);
    /* Raw input before the generic handling; return true when consumed. */
    bool (*event)(App *app, Screen *s, const SDL_Event *ev);
    /* A target was tapped or chosen with Enter. */
    void (*activate)(App *app, Screen *s, int id);
    /* Advance to app->now: timers, animations, polling the store. */
    void (*update)(App *app, Screen *s);
    /* The targets of the current layout on the main view. */
    int (*targets)(App *app, Screen *s, const View *v, Target *out, int max);
    /* Draw the whole screen into a view. */
    void (*draw)(App *app, Screen *s, View *v);
    void (*destroy)(App *app, Screen *s);
    /* Only for the screen at the bottom of the stack (the door): every
     * input event while another screen covers it, before that screen sees
     * it; return true when consumed. So a scanner's burst is a check-in
     * whatever staff have open. */
    bool (*under_event)(App *app, Screen *s, const SDL_Event *ev);
    /* A complete scan read while this screen is on top (a pseudonymous
     * round takes passes); return false to let the door check it in. */
    bool (*scan)(App *app, Screen *s, const char *text, size_t len);
    /* True for a target activated only by holding it down for APP_HOLD_MS
     * (a finger, the mouse, or Enter or Space on the focused target): a
     * deliberate staff gesture that a curious tap never makes. */
    bool (*hold)(App *app, Screen *s, int id);
    /* Something for the room (an exercise, a round) is about to replace
     * every screen over the door (app_start_for_room): a last word before
     * this one goes (the console notes that it locked). */
    void (*room_starts)(App *app, Screen *s);
    /* The screen lists the requests for a staff member itself (the
     * console), so the quiet sign of them stays off over it. */
    bool shows_help;
} ScreenClass;

struct Screen {
    const ScreenClass *cls;
};

struct App {
    Store *store;
    const HearthPaths *paths;
    Catalog *catalog;
    Settings settings;
    Theme theme;
    FontSet *fonts;
    Chime *chime;
    CameraSource *camera; /* the door's camera (app/camera), or NULL: none */
    struct Publisher *publisher; /* publishing to the program's server
                                  * (svc/publisher.h), or NULL: none */
    char config_path[HEARTH_PATH_MAX];

    uint64_t now;  /* monotonic ms of this turn */
    int64_t wall;  /* wall-clock ms of this turn */

    View views[2];
    int nviews;

    Screen *stack[APP_STACK_MAX];
    int depth;

    bool dirty;        /* something changed: draw at the end of this turn */
    uint64_t wake_at;  /* the next instant a screen needs an update; 0 none */
    uint64_t scrub_at; /* the next try at emptying a WAL an anonymous answer
                          left while another reader held it (app_update) */
    /* Changes to the database file seen by the kiosk's watcher (ui/watch.h):
     * a screen that shows stored data reads it again when this moved
     * (app_data_due). Without a watcher (tests, no inotify) it stays 0 and
     * screens read every APP_POLL_MS. */
    uint64_t data_changes;
    bool data_watched;
    int animating;     /* > 0 while a screen animates (its frames come by
                          app_wake_at, at the rate its motion needs) */
    int frame_ms;      /* the display's refresh interval: frames never come
                          closer than this */

    /* Pointer and keyboard focus, handled for every screen alike. */
    Target targets[APP_MAX_TARGETS];
    int ntargets;
    bool targets_valid;
    int pressed_id;    /* target under a finger that is down, or -1 */
    bool pressed_hold; /* that target is a hold target */
    uint64_t pressed_at; /* when it went down */
    bool pressed_by_key; /* held with Enter or Space, not a finger */
    int focus_id;      /* target with the keyboard focus, or -1 */
    bool focus_visible;/* show the focus ring (after a Tab or an arrow) */
    bool kiosk_mode;   /* fullscreen kiosk: no way out but the PIN */
    uint64_t last_input; /* monotonic ms of the last touch, click or key */
    /* Check-ins whose outcome the door has put up (the benchmark marks the
     * frame that first shows each one; core/benchlog.h). */
    unsigned long checkins_answered;

    /* A sentence shown on top of every screen while a problem lasts (the
     * storage is full). Empty when all is well. */
    char alert[512];

    /* A short note over any screen for a few seconds: the door's outcome
     * for a person who scanned while staff use the screen. */
    char toast[400];
    bool toast_good;     /* a check-in, not a problem */
    uint64_t toast_until;

    /* People waiting for a staff member (asked at the door or on the
     * room's screen, not yet marked seen in the console): a quiet sign on
     * every screen but the console, which says when. */
    int help_waiting;
    /* When each request made on this kiosk since it started was made, the
     * oldest first: an anonymous request is stored without its time (it
     * would link it to a check-in), so the console's "when" comes from
     * memory and is gone after a restart. */
    int64_t help_times[8];
    int nhelp_times;

    bool quit;
    int exit_status;
};

/* --- the lifecycle, shared by the kiosk and the UI tests ------------------ */

/* Loads fonts and theme; the views must already have renderers. Returns
 * false with a sentence in err. */
bool app_init(App *app, char *err, size_t errlen);
void app_shutdown(App *app);

/* Sets up a view's size-dependent fields after creation or a resize. */
void app_view_resized(App *app, View *v, int w, int h);

/* One SDL event. */
void app_handle_event(App *app, const SDL_Event *ev);

/* The same without the door's look under the other screens: what the
 * door hands on (a person's typing) goes to the top screen and the
 * generic handling through here. */
void app_dispatch_event(App *app, const SDL_Event *ev);

/* Updates the top screen at app->now (and the covered ones' timers). */
void app_update(App *app);

/* Draws every view if anything changed, whole after app_invalidate and
 * only the damaged rectangles after app_invalidate_rect; returns true when
 * it drew. */
bool app_draw(App *app);

/* --- what screens call ------------------------------------------------------ */

void app_push(App *app, Screen *s);
void app_pop(App *app);                 /* destroys the top screen */
void app_replace(App *app, Screen *s);  /* pop, then push */
/* Pops screens down to and including the first of class cls. */
void app_pop_to_below(App *app, const ScreenClass *cls);
/* Pops screens until depth are left (the top of those is entered once). */
void app_pop_to(App *app, int depth);
/* Starts s for the room (an exercise, a rating round) from a staff
 * screen: the console and every staff screen close first (the console's
 * room_starts audits it), so that whatever a client does on the room's
 * screen, the way back leads to the door, never into the console. NULL
 * does nothing. */
void app_start_for_room(App *app, Screen *s);
Screen *app_top(App *app);
/* The first screen of that class from the top, or NULL. */
Screen *app_find(App *app, const ScreenClass *cls);

/* Draws the screen under s (for dialogs that sit over it). */
void app_draw_below(App *app, Screen *s, View *v);

/* Something on screen changed: draw at the end of this turn. */
void app_invalidate(App *app);
/* Only r changed on view v: at the end of this turn the frame redraws r
 * alone (the screen's draw runs clipped to it; see view_touches) and sends
 * only r to the display, unless something asked for the whole. */
void app_invalidate_rect(App *app, View *v, SDL_Rect r);
/* Whether r meets the part of v this frame draws: screens may skip what
 * lies wholly outside (drawing it would be clipped away anyway). */
bool view_touches(const View *v, SDL_Rect r);
/* Clips drawing to r within what this frame draws (a frame drawn in part
 * keeps to its rectangle whatever a widget clips to); NULL ends it. Use it
 * instead of SDL_RenderSetClipRect. */
void view_set_clip(View *v, const SDL_Rect *r);
/* Ask for an update (and a draw) at or after this monotonic instant. */
void app_wake_at(App *app, uint64_t at_ms);

/* How often a screen that shows stored data reads it again: every two
 * seconds without a watcher (what another process wrote shows within
 * that), once a minute with one (only in case an event was missed). */
#define APP_POLL_MS 2000
#define APP_WATCHED_POLL_MS 60000

/* How often the kiosk tries again to empty a WAL that an anonymous answer
 * left while another connection held it (store_scrub). */
#define APP_SCRUB_RETRY_MS 1000

/* Whether a screen that shows stored data should read it now: the file
 * changed since *seen (app->data_changes), or *next_poll has come. Moves
 * both on when it says yes, and asks for a wake at *next_poll. */
bool app_data_due(App *app, uint64_t *seen, uint64_t *next_poll);
/* Animation: between begin and end a screen animates (for the tests and
 * the benchmark to see); its frames it asks for with app_wake_at. */
void app_animation_begin(App *app);
void app_animation_end(App *app);
/* The layout changed: recompute targets before the next hit-test. */
void app_targets_changed(App *app);

/* True when a target has the keyboard focus (Enter then activates it
 * rather than meaning "submit"). */
bool app_focus_active(const App *app);

/* Shows or clears the alert banner (storage full, database problems). */
void app_set_alert(App *app, const char *text);
/* Where the alert banner lies on a view, along its bottom (an empty rect
 * when none shows): screens whose controls sit there lay out above it. */
SDL_Rect app_alert_rect(App *app, const View *v);

/* Shows a note over whatever screen is on top for ms (good: a check-in;
 * else a problem). */
void app_toast(App *app, const char *text, bool good, uint64_t ms);

/* How far a hold target being held is, 0 to 1 (0 when id is not held). */
float app_hold_progress(const App *app, int id);

/* Shorthand for drawing scaled by the text-size setting. */
int app_text_px(const App *app, const View *v, float units);

/* The main view. */
View *app_main_view(App *app);
/* The view showing the room's content: the second display, or the main. */
View *app_room_view(App *app);

#endif
