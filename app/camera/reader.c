/* The camera's thread: capture, decode, hand the newest preview and what
 * was read to the UI under a lock. The UI thread never waits on the
 * camera: it only copies out what is ready. */
#include "camera/camera_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <unistd.h>

/* What the camera is asked for: enough to read a card at arm's length. */
#define CAPTURE_W 640
#define CAPTURE_H 480
#define QUEUE 4
/* A camera that gives no picture for this long is taken as broken. */
#define SILENT_LIMIT_S 10

typedef enum SourceKind { SOURCE_DEVICE, SOURCE_FRAMES } SourceKind;

struct CameraSource {
    SourceKind kind;
    char path[256];
    GreyImage *frames;
    int nframes;
    int interval_ms;
};

struct CameraReader {
    const CameraSource *src;
    CameraNotifyFn notify;
    void *ctx;
    int preview_max;
    int wake[2]; /* a byte here stops the thread */
    pthread_t thread;
    bool started;

    pthread_mutex_t lock;
    GreyImage preview; /* preview_max x preview_max bytes */
    unsigned seq;
    char queue[QUEUE][CAMERA_PAYLOAD_MAX + 1];
    int qhead, qlen;
    bool failed;
    char err[320];
};

/* --- sources ------------------------------------------------------------------ */

bool camera_find(const char *pattern, char *out, size_t n)
{
    glob_t g;
    if (glob(pattern ? pattern : "/dev/video*", 0, NULL, &g) != 0)
        return false;
    bool found = false;
    for (size_t i = 0; i < g.gl_pathc && !found; i++) {
        char why[320];
        if (v4l2_probe(g.gl_pathv[i], why, sizeof why)) {
            snprintf(out, n, "%s", g.gl_pathv[i]);
            found = true;
        }
    }
    globfree(&g);
    return found;
}

CameraSource *camera_source_device(const char *path)
{
    CameraSource *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->kind = SOURCE_DEVICE;
    snprintf(s->path, sizeof s->path, "%s", path);
    return s;
}

CameraSource *camera_source_frames(const GreyImage *frames, int n, int interval_ms)
{
    CameraSource *s = calloc(1, sizeof *s);
    if (!s || n <= 0)
        goto fail;
    s->kind = SOURCE_FRAMES;
    s->interval_ms = interval_ms > 0 ? interval_ms : 100;
    s->frames = calloc((size_t)n, sizeof *s->frames);
    if (!s->frames)
        goto fail;
    for (int i = 0; i < n; i++) {
        size_t bytes = (size_t)frames[i].w * (size_t)frames[i].h;
        s->frames[i] = frames[i];
        s->frames[i].px = malloc(bytes);
        s->nframes = i + 1;
        if (!s->frames[i].px)
            goto fail;
        memcpy(s->frames[i].px, frames[i].px, bytes);
    }
    return s;
fail:
    camera_source_free(s);
    return NULL;
}

void camera_source_free(CameraSource *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->nframes; i++) {
        explicit_bzero(s->frames[i].px, (size_t)s->frames[i].w * (size_t)s->frames[i].h);
        free(s->frames[i].px);
    }
    free(s->frames);
    free(s);
}

/* --- the thread ------------------------------------------------------------------ */

static void fail(CameraReader *r, const char *why)
{
    pthread_mutex_lock(&r->lock);
    r->failed = true;
    snprintf(r->err, sizeof r->err, "%s", why);
    pthread_mutex_unlock(&r->lock);
    if (r->notify)
        r->notify(r->ctx);
}

/* Waits for the device (fd >= 0) or for timeout_ms; true when asked to
 * stop. *ready tells whether the device has a frame. */
static bool wait_for(CameraReader *r, int fd, int timeout_ms, bool *ready)
{
    fd_set set;
    FD_ZERO(&set);
    FD_SET(r->wake[0], &set);
    if (fd >= 0)
        FD_SET(fd, &set);
    int top = fd > r->wake[0] ? fd : r->wake[0];
    struct timeval tv = {timeout_ms / 1000, (timeout_ms % 1000) * 1000};
    *ready = false;
    int n = select(top + 1, &set, NULL, NULL, &tv);
    if (n < 0)
        return errno != EINTR;
    if (FD_ISSET(r->wake[0], &set))
        return true;
    *ready = fd >= 0 && FD_ISSET(fd, &set);
    return false;
}

/* Shrinks a frame into the preview (nearest sample: a preview only has to
 * show where the card is). Called with the lock held. */
static void make_preview(CameraReader *r, const GreyImage *f)
{
    int m = r->preview_max;
    int pw = f->w, ph = f->h;
    if (f->w >= f->h && f->w > m) {
        pw = m;
        ph = f->h * m / f->w;
    } else if (f->h > f->w && f->h > m) {
        ph = m;
        pw = f->w * m / f->h;
    }
    if (pw < 1)
        pw = 1;
    if (ph < 1)
        ph = 1;
    for (int y = 0; y < ph; y++) {
        const uint8_t *row = f->px + (size_t)(y * f->h / ph) * (size_t)f->w;
        uint8_t *out = r->preview.px + (size_t)y * (size_t)pw;
        for (int x = 0; x < pw; x++)
            out[x] = row[x * f->w / pw];
    }
    r->preview.w = pw;
    r->preview.h = ph;
}

static void publish(CameraReader *r, const GreyImage *f, const char *payload, int found)
{
    pthread_mutex_lock(&r->lock);
    make_preview(r, f);
    r->seq++;
    if (found > 0) {
        if (r->qlen == QUEUE) { /* nobody took them: drop the oldest */
            explicit_bzero(r->queue[r->qhead], sizeof r->queue[0]);
            r->qhead = (r->qhead + 1) % QUEUE;
            r->qlen--;
        }
        snprintf(r->queue[(r->qhead + r->qlen) % QUEUE], sizeof r->queue[0], "%s", payload);
        r->qlen++;
    }
    pthread_mutex_unlock(&r->lock);
    if (r->notify)
        r->notify(r->ctx);
}

static void run_device(CameraReader *r, QrScanner *q)
{
    char err[320];
    V4l2Device *dev = v4l2_open(r->src->path, CAPTURE_W, CAPTURE_H, err, sizeof err);
    if (!dev) {
        fail(r, err);
        return;
    }
    GreyImage frame;
    v4l2_size(dev, &frame.w, &frame.h);
    size_t bytes = (size_t)frame.w * (size_t)frame.h;
    frame.px = malloc(bytes);
    if (!frame.px) {
        v4l2_close(dev);
        fail(r, "Out of memory.");
        return;
    }
    int silent_s = 0;
    unsigned looks = 0;
    for (;;) {
        bool ready;
        if (wait_for(r, v4l2_fd(dev), 1000, &ready))
            break;
        if (!ready) {
            if (++silent_s >= SILENT_LIMIT_S) {
                fail(r, "The camera gives no picture.");
                break;
            }
            continue;
        }
        silent_s = 0;
        int got = v4l2_read_grey(dev, &frame, err, sizeof err);
        if (got < 0) {
            fail(r, err);
            break;
        }
        if (got == 0)
            continue;
        char payload[CAMERA_PAYLOAD_MAX + 1];
        int found = qrscan_grey_look(q, &frame, (int)(++looks % 2), payload, sizeof payload);
        publish(r, &frame, payload, found);
        explicit_bzero(payload, sizeof payload);
    }
    explicit_bzero(frame.px, bytes);
    free(frame.px);
    v4l2_close(dev);
}

static void run_frames(CameraReader *r, QrScanner *q)
{
    unsigned rounds = 0;
    for (int i = 0;; i = (i + 1) % r->src->nframes) {
        const GreyImage *f = &r->src->frames[i];
        char payload[CAMERA_PAYLOAD_MAX + 1];
        /* each pass over the frames takes the other look, so that every
         * frame gets both whatever their number */
        if (i == 0)
            rounds++;
        int found = qrscan_grey_look(q, f, (int)(rounds % 2), payload, sizeof payload);
        publish(r, f, payload, found);
        explicit_bzero(payload, sizeof payload);
        bool ready;
        if (wait_for(r, -1, r->src->interval_ms, &ready))
            break;
    }
}

static void *reader_main(void *arg)
{
    CameraReader *r = arg;
    QrScanner *q = qrscan_new();
    if (!q) {
        char why[400];
        snprintf(why, sizeof why, "Cannot start the QR code reader%s%s.",
                 qrscan_missing() ? ": " : "", qrscan_missing() ? qrscan_missing() : "");
        fail(r, why);
        return NULL;
    }
    if (r->src->kind == SOURCE_DEVICE)
        run_device(r, q);
    else
        run_frames(r, q);
    qrscan_free(q);
    return NULL;
}

static bool make_pipe(int fds[2])
{
    if (pipe(fds) != 0) {
        fds[0] = fds[1] = -1;
        return false;
    }
    fcntl(fds[0], F_SETFD, FD_CLOEXEC);
    fcntl(fds[1], F_SETFD, FD_CLOEXEC);
    return true;
}

/* --- what the UI calls -------------------------------------------------------------- */

CameraReader *camera_reader_start(const CameraSource *src, int preview_max_w,
                                  CameraNotifyFn notify, void *ctx)
{
    if (!src)
        return NULL;
    CameraReader *r = calloc(1, sizeof *r);
    if (!r)
        return NULL;
    r->src = src;
    r->notify = notify;
    r->ctx = ctx;
    r->preview_max = preview_max_w > 16 ? preview_max_w : 16;
    r->wake[0] = r->wake[1] = -1;
    r->preview.px = calloc((size_t)r->preview_max * (size_t)r->preview_max, 1);
    if (!r->preview.px || !make_pipe(r->wake) ||
        pthread_mutex_init(&r->lock, NULL) != 0) {
        if (r->wake[0] >= 0) {
            close(r->wake[0]);
            close(r->wake[1]);
        }
        free(r->preview.px);
        free(r);
        return NULL;
    }
    if (pthread_create(&r->thread, NULL, reader_main, r) != 0) {
        pthread_mutex_destroy(&r->lock);
        close(r->wake[0]);
        close(r->wake[1]);
        free(r->preview.px);
        free(r);
        return NULL;
    }
    r->started = true;
    return r;
}

bool camera_reader_preview(CameraReader *r, GreyImage *dst, unsigned *seq)
{
    bool fresh = false;
    pthread_mutex_lock(&r->lock);
    if (r->seq != *seq && r->preview.w > 0) {
        dst->w = r->preview.w;
        dst->h = r->preview.h;
        memcpy(dst->px, r->preview.px, (size_t)dst->w * (size_t)dst->h);
        *seq = r->seq;
        fresh = true;
    }
    pthread_mutex_unlock(&r->lock);
    return fresh;
}

bool camera_reader_take(CameraReader *r, char *out, size_t n)
{
    bool got = false;
    pthread_mutex_lock(&r->lock);
    if (r->qlen > 0) {
        snprintf(out, n, "%s", r->queue[r->qhead]);
        explicit_bzero(r->queue[r->qhead], sizeof r->queue[0]);
        r->qhead = (r->qhead + 1) % QUEUE;
        r->qlen--;
        got = true;
    }
    pthread_mutex_unlock(&r->lock);
    return got;
}

bool camera_reader_failed(CameraReader *r, char *err, size_t n)
{
    pthread_mutex_lock(&r->lock);
    bool failed = r->failed;
    if (failed && err)
        snprintf(err, n, "%s", r->err);
    pthread_mutex_unlock(&r->lock);
    return failed;
}

void camera_reader_stop(CameraReader *r)
{
    if (!r)
        return;
    if (r->started) {
        char b = 1;
        while (write(r->wake[1], &b, 1) < 0 && errno == EINTR)
            ;
        pthread_join(r->thread, NULL);
    }
    close(r->wake[0]);
    close(r->wake[1]);
    pthread_mutex_destroy(&r->lock);
    explicit_bzero(r->queue, sizeof r->queue);
    explicit_bzero(r->preview.px, (size_t)r->preview_max * (size_t)r->preview_max);
    free(r->preview.px);
    free(r);
}
