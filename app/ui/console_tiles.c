/* The console's tiles, in the order they appear. */
#include "ui/console.h"

#include "core/i18n.h"

const ConsoleTile console_tiles[] = {
    {NULL, NULL, false, NULL}, /* the table never is empty; unnamed tiles are skipped */
};
const int console_tile_count = (int)(sizeof console_tiles / sizeof console_tiles[0]);
