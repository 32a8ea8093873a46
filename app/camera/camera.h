/* Camera check-in: grey frames from a V4L2 camera, QR codes read from them
 * with ZBar, in a thread of their own. No SDL here: the door asks for the
 * latest preview and for what was read, and draws it itself.
 *
 * Privacy: a frame lives in memory only until the next one replaces it. No
 * frame is ever written to a file or logged, and neither is a payload read
 * from one (it is a pass secret). */
#ifndef HEARTH_CAMERA_H
#define HEARTH_CAMERA_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* An 8-bit grey picture, rows packed (stride = w). */
typedef struct GreyImage {
    int w, h;
    uint8_t *px;
} GreyImage;

/* The longest payload the camera hands on; longer codes are dropped. */
#define CAMERA_PAYLOAD_MAX 256

/* --- where frames come from ------------------------------------------------ */

typedef struct CameraSource CameraSource;

/* The first V4L2 capture device among the paths matching pattern (a glob,
 * "/dev/video*" when NULL) that gives a picture Hearth reads without a JPEG
 * decoder (GREY, YUYV, UYVY, NV12, NV21, YU12 or YV12). Its path goes to
 * out; false when there is none (the door then looks as it always has). */
bool camera_find(const char *pattern, char *out, size_t n);

/* A V4L2 device by path. Nothing is opened until a reader starts. */
CameraSource *camera_source_device(const char *path);

/* Pictures played over and over, one every interval_ms, as if a camera
 * showed them (tests, and a demonstration without a camera). The images
 * are copied. */
CameraSource *camera_source_frames(const GreyImage *frames, int n, int interval_ms);

void camera_source_free(CameraSource *src);

/* --- reading --------------------------------------------------------------- */

typedef struct CameraReader CameraReader;

/* Called from the reader's thread after each frame (a preview to draw or a
 * code read), so the UI can wake up. Must be thread-safe and quick. */
typedef void (*CameraNotifyFn)(void *ctx);

/* Starts capturing and decoding in a thread. The device is opened there, so
 * this returns at once; a device that cannot start shows through
 * camera_reader_failed(). NULL only when out of memory or threads. */
CameraReader *camera_reader_start(const CameraSource *src, int preview_max_w,
                                  CameraNotifyFn notify, void *ctx);

/* Copies the latest preview (at most preview_max_w wide) into dst, whose
 * px must hold preview_max_w * preview_max_w bytes; false when no frame
 * newer than *seq has come (then *seq is unchanged). */
bool camera_reader_preview(CameraReader *r, GreyImage *dst, unsigned *seq);

/* The oldest QR payload read and not yet taken, into out (wiped by the
 * caller after use); false when none. */
bool camera_reader_take(CameraReader *r, char *out, size_t n);

/* True once the camera has stopped on an error; err says why in a sentence
 * (for the log and for staff). */
bool camera_reader_failed(CameraReader *r, char *err, size_t n);

/* Stops the thread, closes the device and frees everything, wiping the
 * frames and the payloads. NULL is fine. */
void camera_reader_stop(CameraReader *r);

/* --- the parts, for tests and for the reader ------------------------------- */

/* Reads the QR codes in a grey picture (only QR is enabled). Copies the
 * first payload into out and returns how many QR codes were read; 0 for
 * none, -1 when ZBar fails. Looks twice: as it is, then cleaned of noise
 * and stretched to full contrast. */
typedef struct QrScanner QrScanner;
QrScanner *qrscan_new(void);
/* Why QR codes cannot be read on this machine (ZBar, opened at first use,
 * is missing), or NULL when they can. */
const char *qrscan_missing(void);
int qrscan_grey(QrScanner *q, const GreyImage *img, char *out, size_t n);
/* One of the two looks (0 as it is, 1 cleaned): the reader alternates them
 * from frame to frame, so each frame costs one scan. */
int qrscan_grey_look(QrScanner *q, const GreyImage *img, int look, char *out, size_t n);
void qrscan_free(QrScanner *q);

/* Debounce: the same payload seen on frame after frame counts once. It can
 * count again only when hold_ms have passed since it counted and it has
 * been out of sight for away_ms (so a card held still in front of the
 * camera never counts twice). A different payload counts at once. Pure:
 * the time is an argument. */
#define CAMERA_DEBOUNCE_SLOTS 4
typedef struct CameraDebounce {
    uint32_t hold_ms, away_ms;
    struct {
        char payload[CAMERA_PAYLOAD_MAX + 1];
        uint64_t counted_ms, seen_ms;
        bool used;
    } slot[CAMERA_DEBOUNCE_SLOTS];
} CameraDebounce;

void camera_debounce_init(CameraDebounce *d, uint32_t hold_ms, uint32_t away_ms);
/* True when this sighting counts. */
bool camera_debounce_accept(CameraDebounce *d, const char *payload, uint64_t now_ms);
/* Forgets (and wipes) every payload. */
void camera_debounce_clear(CameraDebounce *d);

#endif
