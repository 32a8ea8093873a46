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

/* How the kiosk draws, chosen for its first window and kept for the
 * others (a second display). */
typedef struct DisplayChoice {
    bool decided;
    bool gpu;          /* SDL's GLES2 (or OpenGL) renderer on a GPU */
    char why[200];     /* what was logged: the renderer and why */
} DisplayChoice;

/* A renderer for win: SDL's GLES2 renderer where there is a GPU with a
 * working driver (a render node such as a Pi's V3D, and a GL context that
 * is not Mesa's llvmpipe or softpipe), else SDL's software renderer, which
 * draws straight into the window (MIT-SHM on X) and keeps what it drew
 * between frames. SDL_RENDER_DRIVER in the environment decides instead.
 * The choice is made and logged once, on the first call; NULL (SDL's
 * error set) when no renderer can be made. */
SDL_Renderer *display_renderer_new(SDL_Window *win, DisplayChoice *choice);

/* Whether a GL_RENDERER string names a renderer in software (Mesa's
 * llvmpipe, softpipe and swrast, or another "software rasterizer"). */
bool display_gl_is_software(const char *gl_renderer);

#endif
