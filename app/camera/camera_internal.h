/* The V4L2 side of the camera, apart so the tests can reach the parts that
 * need no device: choosing a format, checking what the driver agreed to,
 * turning a captured frame into grey. */
#ifndef HEARTH_CAMERA_INTERNAL_H
#define HEARTH_CAMERA_INTERNAL_H

#include "camera/camera.h"

/* The pixel format to ask for among those a device offers: grey or a YUV
 * layout whose luma plane is the grey picture, best first; 0 when none
 * (a camera offering only MJPEG or raw Bayer is not used). */
uint32_t v4l2_pick_format(const uint32_t *offered, int n);

/* Bytes per pixel of the luma row for a format we read (1 or 2), 0 for
 * one we do not. */
int v4l2_luma_step(uint32_t fourcc);

/* Checks the size the driver agreed to; false with a sentence in err. */
bool v4l2_check_format(uint32_t fourcc, int w, int h, int bytesperline, size_t sizeimage,
                       char *err, size_t n);

/* Copies the luma of a captured frame of len bytes into dst (w x h,
 * packed). False when the frame is shorter than its format needs (a
 * damaged frame, skipped). */
bool v4l2_to_grey(uint32_t fourcc, const uint8_t *src, size_t len, int w, int h,
                  int bytesperline, uint8_t *dst);

typedef struct V4l2Device V4l2Device;

/* Opens a capture device, negotiates about want_w x want_h and about ten
 * frames a second, maps its buffers and starts streaming. NULL with a
 * sentence naming the path in err. */
V4l2Device *v4l2_open(const char *path, int want_w, int want_h, char *err, size_t n);

/* The descriptor to wait on with select(). */
int v4l2_fd(const V4l2Device *d);

/* The negotiated size of the grey frames. */
void v4l2_size(const V4l2Device *d, int *w, int *h);

/* Takes the newest frame waiting (dropping older ones, so decoding never
 * lags behind) into dst, which holds w x h: 1 a frame, 0 none yet, -1 an
 * error with a sentence in err (the camera was unplugged...). */
int v4l2_read_grey(V4l2Device *d, GreyImage *dst, char *err, size_t n);

void v4l2_close(V4l2Device *d);

/* Whether path is a camera Hearth can read, without streaming; false with
 * the reason in why. */
bool v4l2_probe(const char *path, char *why, size_t n);

#endif
