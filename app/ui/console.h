/* What the facilitator console offers beyond the session itself. Each
 * feature adds a tile to the table in console_tiles.c. */
#ifndef HEARTH_CONSOLE_H
#define HEARTH_CONSOLE_H

#include "ui/app.h"
#include "ui/widget.h"

typedef struct ConsoleTile {
    const char *label;  /* marked with N_(), translated when drawn */
    IconFn icon;        /* or NULL */
    bool needs_session; /* disabled while no session is open */
    void (*run)(App *app);
} ConsoleTile;

/* The console's own tiles, for running the session, and those behind its
 * "Reports and settings" tile, for the rest of what staff do. */
extern const ConsoleTile *const console_tiles[];
extern const int console_tile_count;
extern const ConsoleTile *const console_more_tiles[];
extern const int console_more_tile_count;

/* The tiles, each defined beside its screen. */
extern const ConsoleTile library_tile;
extern const ConsoleTile round_tile;
extern const ConsoleTile passes_tile;
extern const ConsoleTile problems_tile; /* the content files and their problems */
extern const ConsoleTile groups_tile;
extern const ConsoleTile trends_tile;
extern const ConsoleTile settings_tile;
extern const ConsoleTile pin_tile;      /* change the PIN, the old one first */

/* Most tiles on one screen. */
#define CONSOLE_MAX_TILES 16

/* A grid of n tiles filling area, cols wide, each between the touch
 * minimum and twice a button's height (the console and its tools). */
void console_tile_grid(App *app, const View *v, SDL_Rect area, int n, int cols, SDL_Rect *out);
/* How many tiles a row holds on this view. */
int console_tile_cols(const View *v);

/* The group picker the console opens sessions with: picked hears the
 * group chosen or the new name typed (which it may refuse). */
extern const ScreenClass grouppick_screen_class;
Screen *grouppick_screen_new(App *app, void (*picked)(App *app, const char *group));
/* The "reports and settings" screen. */
extern const ScreenClass tools_screen_class;
Screen *tools_screen_new(App *app);

#endif
