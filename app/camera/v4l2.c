/* V4L2 capture: open, negotiate a format whose luma is the grey picture (so
 * no JPEG decoder is needed), stream through mapped buffers, hand out grey
 * frames. Nothing here keeps a frame longer than one call. */
#include "camera/camera_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/time.h> /* struct timeval and timespec, before the V4L2 header */
#include <linux/videodev2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_BUFFERS 4
#define MIN_SIDE 16
#define MAX_SIDE 4096

/* Best first: grey as it comes, then packed YUV (every other byte), then
 * planar 4:2:0 (the first plane). */
static const uint32_t preferred[] = {
    V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV,   V4L2_PIX_FMT_UYVY, V4L2_PIX_FMT_YVYU,
    V4L2_PIX_FMT_VYUY, V4L2_PIX_FMT_NV12,   V4L2_PIX_FMT_NV21, V4L2_PIX_FMT_YUV420,
    V4L2_PIX_FMT_YVU420,
};
#define NPREFERRED ((int)(sizeof preferred / sizeof preferred[0]))

uint32_t v4l2_pick_format(const uint32_t *offered, int n)
{
    for (int p = 0; p < NPREFERRED; p++)
        for (int i = 0; i < n; i++)
            if (offered[i] == preferred[p])
                return preferred[p];
    return 0;
}

int v4l2_luma_step(uint32_t fourcc)
{
    switch (fourcc) {
    case V4L2_PIX_FMT_YUYV:
    case V4L2_PIX_FMT_UYVY:
    case V4L2_PIX_FMT_YVYU:
    case V4L2_PIX_FMT_VYUY:
        return 2;
    case V4L2_PIX_FMT_GREY:
    case V4L2_PIX_FMT_NV12:
    case V4L2_PIX_FMT_NV21:
    case V4L2_PIX_FMT_YUV420:
    case V4L2_PIX_FMT_YVU420:
        return 1;
    default:
        return 0;
    }
}

/* The first luma byte of a pixel pair in packed formats. */
static int luma_offset(uint32_t fourcc)
{
    return fourcc == V4L2_PIX_FMT_UYVY || fourcc == V4L2_PIX_FMT_VYUY ? 1 : 0;
}

/* Bytes a frame needs so that every luma sample of w x h is inside it. */
static size_t luma_bytes(uint32_t fourcc, int w, int h, int bytesperline)
{
    int step = v4l2_luma_step(fourcc);
    return (size_t)bytesperline * (size_t)(h - 1) + (size_t)w * (size_t)step;
}

bool v4l2_check_format(uint32_t fourcc, int w, int h, int bytesperline, size_t sizeimage,
                       char *err, size_t n)
{
    int step = v4l2_luma_step(fourcc);
    if (!step) {
        snprintf(err, n, "The camera offers no picture format Hearth can read.");
        return false;
    }
    if (w < MIN_SIDE || h < MIN_SIDE || w > MAX_SIDE || h > MAX_SIDE) {
        snprintf(err, n, "The camera gives %dx%d pictures; Hearth needs %d to %d pixels a side.",
                 w, h, MIN_SIDE, MAX_SIDE);
        return false;
    }
    if (bytesperline < w * step) {
        snprintf(err, n, "The camera's rows are %d bytes, too short for %d pixels.",
                 bytesperline, w);
        return false;
    }
    if (sizeimage < luma_bytes(fourcc, w, h, bytesperline)) {
        snprintf(err, n, "The camera's frames are %zu bytes, too short for %dx%d pixels.",
                 sizeimage, w, h);
        return false;
    }
    return true;
}

bool v4l2_to_grey(uint32_t fourcc, const uint8_t *src, size_t len, int w, int h,
                  int bytesperline, uint8_t *dst)
{
    int step = v4l2_luma_step(fourcc);
    if (!step || !src || w <= 0 || h <= 0 || bytesperline < w * step ||
        len < luma_bytes(fourcc, w, h, bytesperline))
        return false;
    if (step == 1) {
        for (int y = 0; y < h; y++)
            memcpy(dst + (size_t)y * (size_t)w, src + (size_t)y * (size_t)bytesperline, (size_t)w);
        return true;
    }
    int off = luma_offset(fourcc);
    for (int y = 0; y < h; y++) {
        const uint8_t *row = src + (size_t)y * (size_t)bytesperline + off;
        uint8_t *out = dst + (size_t)y * (size_t)w;
        for (int x = 0; x < w; x++)
            out[x] = row[2 * x];
    }
    return true;
}

/* --- the device -------------------------------------------------------------- */

struct V4l2Device {
    int fd;
    uint32_t fourcc;
    int w, h, bytesperline;
    int nbuf;
    struct {
        void *start;
        size_t length;
    } buf[MAX_BUFFERS];
    bool streaming;
};

static int xioctl(int fd, unsigned long req, void *arg)
{
    int r;
    do
        r = ioctl(fd, req, arg);
    while (r < 0 && errno == EINTR);
    return r;
}

/* Opens path and checks it is a camera; the descriptor, or -1 with err. */
static int open_capture(const char *path, struct v4l2_capability *cap, char *err, size_t n)
{
    int fd = open(path, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, n, "Cannot open the camera %s: %s.", path, strerror(errno));
        return -1;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode)) {
        snprintf(err, n, "%s is not a camera: it is not a device.", path);
        close(fd);
        return -1;
    }
    memset(cap, 0, sizeof *cap);
    if (xioctl(fd, VIDIOC_QUERYCAP, cap) != 0) {
        if (errno == ENOTTY || errno == EINVAL)
            snprintf(err, n, "%s is not a video device.", path);
        else
            snprintf(err, n, "Cannot ask %s what it is: %s.", path, strerror(errno));
        close(fd);
        return -1;
    }
    uint32_t caps = (cap->capabilities & V4L2_CAP_DEVICE_CAPS) ? cap->device_caps
                                                                : cap->capabilities;
    /* Video codecs and image processors (the Raspberry Pi's bcm2835-codec
     * and -isp) have capture queues too but show no picture: a camera is a
     * capture device with a camera input. */
    struct v4l2_input in = {.index = 0};
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) ||
        (caps & (V4L2_CAP_VIDEO_M2M | V4L2_CAP_VIDEO_M2M_MPLANE)) ||
        xioctl(fd, VIDIOC_ENUMINPUT, &in) != 0 || in.type != V4L2_INPUT_TYPE_CAMERA) {
        snprintf(err, n, "%s is a video device but not a camera.", path);
        close(fd);
        return -1;
    }
    if (!(caps & V4L2_CAP_STREAMING)) {
        snprintf(err, n, "The camera %s cannot stream pictures.", path);
        close(fd);
        return -1;
    }
    return fd;
}

/* The best format the device offers, 0 when none will do. */
static uint32_t choose_format(int fd)
{
    uint32_t offered[64];
    int n = 0;
    for (unsigned i = 0; n < 64; i++) {
        struct v4l2_fmtdesc d = {.index = i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE};
        if (xioctl(fd, VIDIOC_ENUM_FMT, &d) != 0)
            break;
        offered[n++] = d.pixelformat;
    }
    return v4l2_pick_format(offered, n);
}

bool v4l2_probe(const char *path, char *why, size_t n)
{
    struct v4l2_capability cap;
    int fd = open_capture(path, &cap, why, n);
    if (fd < 0)
        return false;
    bool ok = choose_format(fd) != 0;
    if (!ok)
        snprintf(why, n, "The camera %s offers only formats Hearth cannot read (such as MJPEG).",
                 path);
    close(fd);
    return ok;
}

void v4l2_close(V4l2Device *d)
{
    if (!d)
        return;
    if (d->streaming) {
        enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        xioctl(d->fd, VIDIOC_STREAMOFF, &type);
    }
    for (int i = 0; i < d->nbuf; i++)
        if (d->buf[i].start && d->buf[i].start != MAP_FAILED)
            munmap(d->buf[i].start, d->buf[i].length);
    if (d->fd >= 0) {
        /* hand the buffers back to the driver */
        struct v4l2_requestbuffers rb = {.count = 0, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
                                         .memory = V4L2_MEMORY_MMAP};
        xioctl(d->fd, VIDIOC_REQBUFS, &rb);
        close(d->fd);
    }
    free(d);
}

static bool negotiate(V4l2Device *d, const char *path, const struct v4l2_capability *cap,
                      int want_w, int want_h, char *err, size_t n)
{
    uint32_t fourcc = choose_format(d->fd);
    if (!fourcc) {
        snprintf(err, n, "The camera %s offers only formats Hearth cannot read (such as MJPEG).",
                 path);
        return false;
    }
    struct v4l2_format f;
    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = (uint32_t)want_w;
    f.fmt.pix.height = (uint32_t)want_h;
    f.fmt.pix.pixelformat = fourcc;
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(d->fd, VIDIOC_S_FMT, &f) != 0) {
        snprintf(err, n, "The camera %s refused its picture format: %s.", path, strerror(errno));
        return false;
    }
    if (f.fmt.pix.pixelformat != fourcc) {
        snprintf(err, n, "The camera %s changed the picture format it was asked for.", path);
        return false;
    }
    int step = v4l2_luma_step(fourcc);
    int bpl = (int)f.fmt.pix.bytesperline;
    if (bpl == 0)
        bpl = (int)f.fmt.pix.width * step; /* some drivers leave it to us */
    size_t size = f.fmt.pix.sizeimage;
    if (!v4l2_check_format(fourcc, (int)f.fmt.pix.width, (int)f.fmt.pix.height, bpl,
                           size ? size : (size_t)bpl * f.fmt.pix.height, err, n))
        return false;
    d->fourcc = fourcc;
    d->w = (int)f.fmt.pix.width;
    d->h = (int)f.fmt.pix.height;
    d->bytesperline = bpl;

    /* About ten frames a second is plenty to read a card and keeps the CPU
     * cool; a driver that cannot change it just goes at its own pace. */
    struct v4l2_streamparm parm;
    memset(&parm, 0, sizeof parm);
    parm.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(d->fd, VIDIOC_G_PARM, &parm) == 0 &&
        (parm.parm.capture.capability & V4L2_CAP_TIMEPERFRAME)) {
        parm.parm.capture.timeperframe.numerator = 1;
        parm.parm.capture.timeperframe.denominator = 10;
        xioctl(d->fd, VIDIOC_S_PARM, &parm);
    }
    (void)cap;
    return true;
}

static bool map_buffers(V4l2Device *d, const char *path, char *err, size_t n)
{
    struct v4l2_requestbuffers rb = {.count = MAX_BUFFERS, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
                                     .memory = V4L2_MEMORY_MMAP};
    if (xioctl(d->fd, VIDIOC_REQBUFS, &rb) != 0) {
        snprintf(err, n, "The camera %s has no memory for pictures: %s.", path, strerror(errno));
        return false;
    }
    if (rb.count < 2) {
        snprintf(err, n, "The camera %s has too little memory for pictures.", path);
        return false;
    }
    int count = rb.count > MAX_BUFFERS ? MAX_BUFFERS : (int)rb.count;
    for (int i = 0; i < count; i++) {
        struct v4l2_buffer b = {.index = (uint32_t)i, .type = V4L2_BUF_TYPE_VIDEO_CAPTURE,
                                .memory = V4L2_MEMORY_MMAP};
        if (xioctl(d->fd, VIDIOC_QUERYBUF, &b) != 0) {
            snprintf(err, n, "Cannot reach the camera's memory on %s: %s.", path,
                     strerror(errno));
            return false;
        }
        d->buf[i].length = b.length;
        d->buf[i].start = mmap(NULL, b.length, PROT_READ | PROT_WRITE, MAP_SHARED, d->fd,
                               b.m.offset);
        d->nbuf = i + 1;
        if (d->buf[i].start == MAP_FAILED) {
            snprintf(err, n, "Cannot map the camera's memory on %s: %s.", path,
                     strerror(errno));
            return false;
        }
        if (xioctl(d->fd, VIDIOC_QBUF, &b) != 0) {
            snprintf(err, n, "The camera %s refused a buffer: %s.", path, strerror(errno));
            return false;
        }
    }
    enum v4l2_buf_type type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(d->fd, VIDIOC_STREAMON, &type) != 0) {
        snprintf(err, n, "The camera %s does not start: %s.", path, strerror(errno));
        return false;
    }
    d->streaming = true;
    return true;
}

V4l2Device *v4l2_open(const char *path, int want_w, int want_h, char *err, size_t n)
{
    V4l2Device *d = calloc(1, sizeof *d);
    if (!d) {
        snprintf(err, n, "Out of memory.");
        return NULL;
    }
    struct v4l2_capability cap;
    d->fd = open_capture(path, &cap, err, n);
    if (d->fd < 0 || !negotiate(d, path, &cap, want_w, want_h, err, n) ||
        !map_buffers(d, path, err, n)) {
        v4l2_close(d);
        return NULL;
    }
    return d;
}

int v4l2_fd(const V4l2Device *d) { return d->fd; }

void v4l2_size(const V4l2Device *d, int *w, int *h)
{
    *w = d->w;
    *h = d->h;
}

int v4l2_read_grey(V4l2Device *d, GreyImage *dst, char *err, size_t n)
{
    struct v4l2_buffer held;
    bool have = false;
    for (;;) {
        struct v4l2_buffer b = {.type = V4L2_BUF_TYPE_VIDEO_CAPTURE, .memory = V4L2_MEMORY_MMAP};
        if (xioctl(d->fd, VIDIOC_DQBUF, &b) != 0) {
            if (errno == EAGAIN)
                break;
            int e = errno;
            if (have)
                xioctl(d->fd, VIDIOC_QBUF, &held);
            if (e == ENODEV)
                snprintf(err, n, "The camera was unplugged.");
            else
                snprintf(err, n, "The camera stopped: %s.", strerror(e));
            return -1;
        }
        if (have && xioctl(d->fd, VIDIOC_QBUF, &held) != 0) {
            snprintf(err, n, "The camera stopped: %s.", strerror(errno));
            return -1;
        }
        held = b;
        have = true;
    }
    if (!have)
        return 0;
    int got = 0;
    if (held.index < (uint32_t)d->nbuf && !(held.flags & V4L2_BUF_FLAG_ERROR) &&
        dst->w == d->w && dst->h == d->h) {
        size_t len = held.bytesused ? held.bytesused : d->buf[held.index].length;
        if (len > d->buf[held.index].length)
            len = d->buf[held.index].length;
        got = v4l2_to_grey(d->fourcc, d->buf[held.index].start, len, d->w, d->h,
                           d->bytesperline, dst->px)
                  ? 1
                  : 0;
    }
    if (xioctl(d->fd, VIDIOC_QBUF, &held) != 0) {
        snprintf(err, n, "The camera stopped: %s.", strerror(errno));
        return -1;
    }
    return got;
}
