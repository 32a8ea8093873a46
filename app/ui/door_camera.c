#include "ui/door_camera.h"

#include "ui/draw.h"
#include "ui/widget.h"

#include <math.h>

#ifdef HEARTH_HAVE_CAMERA

#include "camera/camera.h"
#include "core/log.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The preview is drawn from at most this many pixels across: enough for a
 * person to aim their card, cheap to copy ten times a second. */
#define PREVIEW_MAX 320
/* A card counts again after this long, once it has been away this long. */
#define HOLD_MS 3000
#define AWAY_MS 700

struct DoorCamera {
    const CameraSource *src;
    CameraReader *reader;
    CameraDebounce debounce;
    GreyImage preview;  /* PREVIEW_MAX x PREVIEW_MAX bytes */
    uint32_t *argb;     /* the preview as the texture takes it */
    unsigned seq;
    atomic_bool woken;  /* a wake-up event is in SDL's queue */
};

static Uint32 wake_event = (Uint32)-1;

/* From the camera's thread: one event in SDL's queue at a time wakes the
 * kiosk's loop, which then polls (SDL_PushEvent is thread-safe). */
static void notify(void *ctx)
{
    DoorCamera *c = ctx;
    if (wake_event == (Uint32)-1 || atomic_exchange(&c->woken, true))
        return;
    SDL_Event ev;
    SDL_zero(ev);
    ev.type = wake_event;
    if (SDL_PushEvent(&ev) != 1)
        atomic_store(&c->woken, false);
}

CameraSource *door_camera_probe(void)
{
    char path[256];
    if (!camera_find(NULL, path, sizeof path))
        return NULL;
    log_info("camera check-in: %s", path);
    return camera_source_device(path);
}

void door_camera_source_free(CameraSource *src) { camera_source_free(src); }

DoorCamera *door_camera_new(App *app)
{
    if (!app->camera)
        return NULL;
    DoorCamera *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->src = app->camera;
    c->preview.px = calloc(PREVIEW_MAX * PREVIEW_MAX, 1);
    c->argb = calloc(PREVIEW_MAX * PREVIEW_MAX, sizeof *c->argb);
    if (!c->preview.px || !c->argb) {
        free(c->preview.px);
        free(c->argb);
        free(c);
        return NULL;
    }
    camera_debounce_init(&c->debounce, HOLD_MS, AWAY_MS);
    if (wake_event == (Uint32)-1)
        wake_event = SDL_RegisterEvents(1);
    return c;
}

static void wipe_preview(DoorCamera *c)
{
    explicit_bzero(c->preview.px, PREVIEW_MAX * PREVIEW_MAX);
    explicit_bzero(c->argb, PREVIEW_MAX * PREVIEW_MAX * sizeof *c->argb);
    c->preview.w = c->preview.h = 0;
}

void door_camera_stop(DoorCamera *c)
{
    if (!c || !c->reader)
        return;
    camera_reader_stop(c->reader);
    c->reader = NULL;
    wipe_preview(c);
}

void door_camera_free(DoorCamera *c)
{
    if (!c)
        return;
    door_camera_stop(c);
    camera_debounce_clear(&c->debounce);
    free(c->preview.px);
    free(c->argb);
    free(c);
}

bool door_camera_start(App *app, DoorCamera *c)
{
    (void)app;
    if (!c)
        return false;
    if (c->reader)
        return true;
    c->seq = 0;
    atomic_store(&c->woken, false);
    c->reader = camera_reader_start(c->src, PREVIEW_MAX, notify, c);
    return c->reader != NULL;
}

bool door_camera_running(const DoorCamera *c) { return c && c->reader; }

DoorCameraEvent door_camera_poll(App *app, DoorCamera *c, char *out, size_t n)
{
    if (!c || !c->reader)
        return DOORCAM_NOTHING;
    atomic_store(&c->woken, false);
    if (camera_reader_failed(c->reader, out, n)) {
        log_warn("camera check-in stopped: %s", out);
        door_camera_stop(c);
        return DOORCAM_FAILED;
    }
    char payload[CAMERA_PAYLOAD_MAX + 1];
    while (camera_reader_take(c->reader, payload, sizeof payload)) {
        bool counts = camera_debounce_accept(&c->debounce, payload, app->now);
        if (counts)
            snprintf(out, n, "%s", payload);
        explicit_bzero(payload, sizeof payload);
        if (counts)
            return DOORCAM_READ;
    }
    return camera_reader_preview(c->reader, &c->preview, &c->seq) ? DOORCAM_FRAME
                                                                  : DOORCAM_NOTHING;
}

/* L-shaped marks at the corners of a square in the middle: hold it here. */
static void draw_guides(SDL_Renderer *r, SDL_Rect box, float thick, SDL_Color col)
{
    int side = (box.w < box.h ? box.w : box.h) * 3 / 5;
    SDL_Rect g = {box.x + (box.w - side) / 2, box.y + (box.h - side) / 2, side, side};
    float arm = (float)side / 5;
    float x0 = (float)g.x, y0 = (float)g.y, x1 = (float)(g.x + g.w), y1 = (float)(g.y + g.h);
    const SDL_FPoint corners[4][3] = {
        {{x0, y0 + arm}, {x0, y0}, {x0 + arm, y0}},
        {{x1 - arm, y0}, {x1, y0}, {x1, y0 + arm}},
        {{x1, y1 - arm}, {x1, y1}, {x1 - arm, y1}},
        {{x0 + arm, y1}, {x0, y1}, {x0, y1 - arm}},
    };
    for (int i = 0; i < 4; i++)
        draw_polyline(r, corners[i], 3, thick, col);
}

void door_camera_draw(App *app, DoorCamera *c, View *v, SDL_Rect box)
{
    const Theme *t = &app->theme;
    int pw = c && c->preview.w ? c->preview.w : 4, ph = c && c->preview.w ? c->preview.h : 3;
    /* the picture in its own proportions, as large as the box allows */
    int w = box.w, h = box.w * ph / pw;
    if (h > box.h) {
        h = box.h;
        w = box.h * pw / ph;
    }
    SDL_Rect pic = rect_center(box, w, h);
    draw_round_rect(v->renderer, rect_inset(pic, -(int)(v->unit * 0.8f)), v->unit * 2,
                    t->surface);
    if (c && c->preview.w) {
        for (int i = 0; i < pw * ph; i++) {
            uint32_t g = c->preview.px[i];
            c->argb[i] = 0xFF000000u | g << 16 | g << 8 | g;
        }
        /* made and freed each frame: a texture never outlives its renderer
         * (the tests remake theirs), and only the newest frame exists */
        SDL_Texture *tex = SDL_CreateTexture(v->renderer, SDL_PIXELFORMAT_ARGB8888,
                                             SDL_TEXTUREACCESS_STATIC, pw, ph);
        if (tex) {
            SDL_UpdateTexture(tex, NULL, c->argb, pw * (int)sizeof *c->argb);
            SDL_RenderCopyEx(v->renderer, tex, NULL, &pic, 0, NULL, SDL_FLIP_HORIZONTAL);
            SDL_DestroyTexture(tex);
        }
    } else {
        draw_rect(v->renderer, pic, t->bg);
    }
    draw_guides(v->renderer, pic, fmaxf(3, v->unit * 0.9f), t->accent);
}

#else /* built without the camera: the door has none */

CameraSource *door_camera_probe(void) { return NULL; }
void door_camera_source_free(CameraSource *src) { (void)src; }
DoorCamera *door_camera_new(App *app)
{
    (void)app;
    return NULL;
}
void door_camera_free(DoorCamera *c) { (void)c; }
bool door_camera_start(App *app, DoorCamera *c)
{
    (void)app;
    (void)c;
    return false;
}
void door_camera_stop(DoorCamera *c) { (void)c; }
bool door_camera_running(const DoorCamera *c)
{
    (void)c;
    return false;
}
DoorCameraEvent door_camera_poll(App *app, DoorCamera *c, char *out, size_t n)
{
    (void)app;
    (void)c;
    (void)out;
    (void)n;
    return DOORCAM_NOTHING;
}
void door_camera_draw(App *app, DoorCamera *c, View *v, SDL_Rect box)
{
    (void)app;
    (void)c;
    (void)v;
    (void)box;
}

#endif
