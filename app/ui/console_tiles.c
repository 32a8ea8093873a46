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

/* A grid of n tiles filling area, cols wide, each between the touch minimum
 * and twice a button's height. */
void console_tile_grid(App *app, const View *v, SDL_Rect area, int n, int cols, SDL_Rect *out)
{
    int gap = ui_gap(v), bh = ui_button_h(app, v);
    int rows = (n + cols - 1) / cols;
    int th = (area.h - gap * (rows - 1)) / rows;
    if (th > bh * 2)
        th = bh * 2;
    if (th < widget_min_touch(v))
        th = widget_min_touch(v);
    int tw = (area.w - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++)
        out[i] = (SDL_Rect){area.x + (i % cols) * (tw + gap), area.y + (i / cols) * (th + gap),
                            tw, th};
}

int console_tile_cols(const View *v) { return v->h > v->w ? 2 : (v->w >= v->h * 3 / 2 ? 4 : 3); }
