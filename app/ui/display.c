#include "ui/display.h"

#include <string.h>

#ifdef HEARTH_HAVE_X11
/* Xlib only here: its Screen is not ours. */
#include <SDL_syswm.h>
#include <X11/Xatom.h>
#include <X11/Xlib.h>

/* The window an X property names, or None. */
static Window x11_window_prop(Display *dpy, Window w, Atom prop)
{
    Atom type;
    int format;
    unsigned long n, after;
    unsigned char *data = NULL;
    Window out = None;
    if (XGetWindowProperty(dpy, w, prop, 0, 1, False, XA_WINDOW, &type, &format, &n, &after,
                           &data) == Success &&
        data && type == XA_WINDOW && format == 32 && n == 1)
        out = *(Window *)(void *)data;
    if (data)
        XFree(data);
    return out;
}
#endif

bool display_has_window_manager(SDL_Window *win)
{
    const char *drv = SDL_GetCurrentVideoDriver();
    if (drv && !strcmp(drv, "wayland"))
        return true;
    if (!drv || strcmp(drv, "x11") != 0)
        return false;
#ifdef HEARTH_HAVE_X11
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(win, &info) || info.subsystem != SDL_SYSWM_X11)
        return true;
    Display *dpy = info.info.x11.display;
    Atom check = XInternAtom(dpy, "_NET_SUPPORTING_WM_CHECK", True);
    if (check == None)
        return false; /* never named since the server started: no manager */
    Window child = x11_window_prop(dpy, DefaultRootWindow(dpy), check);
    return child != None && x11_window_prop(dpy, child, check) == child;
#else
    (void)win;
    return true; /* cannot tell: ask, as before */
#endif
}
