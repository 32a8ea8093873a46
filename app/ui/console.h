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

/* The group picker the console opens sessions with. */
extern const ScreenClass grouppick_screen_class;
/* The "reports and settings" screen. */
extern const ScreenClass tools_screen_class;

#endif
