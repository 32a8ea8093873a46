#include "ui/display.h"

#include "core/log.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

bool display_gl_is_software(const char *gl_renderer)
{
    static const char *const soft[] = {"llvmpipe", "softpipe", "swrast", "software rasterizer",
                                       "software renderer"};
    char low[256];
    size_t n = 0;
    for (; gl_renderer && gl_renderer[n] && n + 1 < sizeof low; n++)
        low[n] = (char)tolower((unsigned char)gl_renderer[n]);
    low[n] = '\0';
    for (size_t i = 0; i < sizeof soft / sizeof soft[0]; i++)
        if (strstr(low, soft[i]))
            return true;
    return false;
}

/* A DRM render node with a GPU's driver behind it (v3d on a Pi 4 or 5,
 * vc4, panfrost, i915, amdgpu...): its driver's name, or false. vgem and
 * vkms are virtual, with nothing to draw. Reading sysfs costs nothing; a
 * GL driver is loaded only where this finds one. */
static bool gpu_render_node(char *driver, size_t n)
{
    DIR *d = opendir("/sys/class/drm");
    if (!d)
        return false;
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        if (strncmp(e->d_name, "renderD", 7) != 0)
            continue;
        char link[PATH_MAX], target[PATH_MAX];
        snprintf(link, sizeof link, "/sys/class/drm/%s/device/driver", e->d_name);
        ssize_t len = readlink(link, target, sizeof target - 1);
        if (len <= 0)
            continue;
        target[len] = '\0';
        const char *name = strrchr(target, '/') ? strrchr(target, '/') + 1 : target;
        if (!strcmp(name, "vgem") || !strcmp(name, "vkms"))
            continue;
        snprintf(driver, n, "%s", name);
        found = true;
    }
    closedir(d);
    return found;
}

/* GL_RENDERER of the renderer's current context ("" when it is not GL). */
static void gl_renderer_name(char *out, size_t n)
{
    typedef const unsigned char *(*GetString)(unsigned int);
    out[0] = '\0';
    void *p = SDL_GL_GetCurrentContext() ? SDL_GL_GetProcAddress("glGetString") : NULL;
    if (!p)
        return;
    GetString get;
    memcpy(&get, &p, sizeof get); /* object to function pointer, as dlsym's callers do */
    const unsigned char *name = get(0x1F01); /* GL_RENDERER */
    if (name)
        snprintf(out, n, "%s", (const char *)name);
}

static SDL_Renderer *software_renderer(SDL_Window *win)
{
    /* Drawn straight into the window's own surface: no GL loaded for the
     * window's framebuffer either (llvmpipe in memory for nothing). */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    SDL_SetHint(SDL_HINT_RENDER_DRIVER, "software");
    return SDL_CreateRenderer(win, -1, 0);
}

SDL_Renderer *display_renderer_new(SDL_Window *win, DisplayChoice *choice)
{
    const Uint32 accel = SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC;
    const char *drv = SDL_GetCurrentVideoDriver();
    bool x11 = drv && !strcmp(drv, "x11");
    SDL_Renderer *r = NULL;
    if (!choice->decided) {
        char gpu[64] = "", gl[128] = "";
        const char *asked = SDL_getenv("SDL_RENDER_DRIVER");
        choice->decided = true;
        if (asked && *asked) {
            r = SDL_CreateRenderer(win, -1, accel);
            snprintf(choice->why, sizeof choice->why, "as SDL_RENDER_DRIVER asks");
        } else if (x11 && !gpu_render_node(gpu, sizeof gpu)) {
            r = software_renderer(win);
            snprintf(choice->why, sizeof choice->why, "no GPU render node");
        } else {
            /* A GPU (or a driver with no framebuffer of its own, such as
             * KMSDRM, where GL is the only way to the screen): GLES2, unless
             * what answers is a GL in software. */
            SDL_SetHint(SDL_HINT_RENDER_DRIVER, "opengles2");
            r = SDL_CreateRenderer(win, -1, accel);
            if (!r)
                SDL_SetHint(SDL_HINT_RENDER_DRIVER, NULL);
            gl_renderer_name(gl, sizeof gl);
            if (r && x11 && display_gl_is_software(gl)) {
                SDL_DestroyRenderer(r);
                r = software_renderer(win);
                snprintf(choice->why, sizeof choice->why, "%s is GL in software", gl);
            } else {
                snprintf(choice->why, sizeof choice->why, "%s%s%s", gpu[0] ? gpu : drv,
                         gl[0] ? ", " : "", gl);
            }
        }
        if (!r) /* whatever SDL can do */
            r = SDL_CreateRenderer(win, -1, 0);
        SDL_RendererInfo info;
        choice->gpu = r && SDL_GetRendererInfo(r, &info) == 0 && strcmp(info.name, "software");
        if (r)
            log_info("drawing with %s (%s)", choice->gpu ? info.name : "SDL's software renderer",
                     choice->why);
        return r;
    }
    r = choice->gpu ? SDL_CreateRenderer(win, -1, accel) : software_renderer(win);
    return r ? r : SDL_CreateRenderer(win, -1, 0);
}
