/* The console's tiles, in the order they appear. */
#include "ui/console.h"

#include "core/i18n.h"

const ConsoleTile *const console_tiles[] = {
    &library_tile,
    &round_tile,
    &passes_tile,
};
const int console_tile_count = (int)(sizeof console_tiles / sizeof console_tiles[0]);

/* Behind "Reports and settings"; "Leave the kiosk" always ends the list. */
const ConsoleTile *const console_more_tiles[] = {
    &trends_tile,
    &groups_tile,
    &problems_tile,
    &settings_tile,
    &pin_tile,
};
const int console_more_tile_count =
    (int)(sizeof console_more_tiles / sizeof console_more_tiles[0]);
