/* What the kiosk's display is, and how best to draw on it: questions SDL
 * leaves to the program, asked once at start. */
#ifndef HEARTH_DISPLAY_H
#define HEARTH_DISPLAY_H

#include <SDL.h>
#include <stdbool.h>

/* Whether a window manager would answer a request to go fullscreen. On X
 * the EWMH way: the root names a window that names itself (a manager that
 * died leaves the first behind). SDL does not say, and when none answers
 * it waits 100 ms for one. Wayland always has its compositor; KMSDRM and
 * the like have none. */
bool display_has_window_manager(SDL_Window *win);

#endif
