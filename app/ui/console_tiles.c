/* The console's tiles, in the order they appear. */
#include "ui/console.h"

#include "core/i18n.h"

const ConsoleTile *const console_tiles[] = {
    &library_tile,
    &round_tile,
    &passes_tile,
    &problems_tile,
};
const int console_tile_count = (int)(sizeof console_tiles / sizeof console_tiles[0]);
