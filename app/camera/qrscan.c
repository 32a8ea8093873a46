/* Reading QR codes in grey pictures with ZBar, QR only: the other
 * symbologies would only add false reads from printed text and patterns.
 *
 * ZBar reads a sharp, well-lit code at once but gives up on sensor noise
 * and on a faint code (a glossy card under a window). A second look at a
 * cleaned copy (a 3 x 3 average, then the grey levels stretched to the
 * full range) reads most of those; tests/unit/test_camera.c measures it. */
#include "camera/camera.h"

#include "core/dynlib.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

/* ZBar is opened when a camera first needs it (core/dynlib.h says why);
 * its functions are called through this table, under their own names. */
#define ZBAR_FUNCTIONS(X)                                                                 \
    X(zbar_image_create) X(zbar_image_destroy) X(zbar_image_first_symbol)                  \
    X(zbar_image_scanner_create) X(zbar_image_scanner_destroy)                             \
    X(zbar_image_scanner_set_config) X(zbar_image_set_data) X(zbar_image_set_format)       \
    X(zbar_image_set_size) X(zbar_scan_image) X(zbar_symbol_get_data)                      \
    X(zbar_symbol_get_data_length) X(zbar_symbol_get_type) X(zbar_symbol_next)

#define ZBAR_SLOT(f) __typeof__(f) *f;
static struct {
    ZBAR_FUNCTIONS(ZBAR_SLOT)
} zb;
#undef ZBAR_SLOT

static char zbar_missing[300]; /* why ZBar could not be loaded; "" once it is */
static pthread_once_t zbar_once = PTHREAD_ONCE_INIT;

static void zbar_load(void)
{
    char why[200];
    void *lib = dynlib_open("libzbar.so.0", why, sizeof why);
#define ZBAR_FIND(f) &&dynlib_find(lib, #f, &zb.f, sizeof zb.f, why, sizeof why)
    if (lib ZBAR_FUNCTIONS(ZBAR_FIND))
        return;
#undef ZBAR_FIND
    snprintf(zbar_missing, sizeof zbar_missing,
             "ZBar cannot be loaded (%s): install Debian's libzbar0", why);
}

#define zbar_image_create (zb.zbar_image_create)
#define zbar_image_destroy (zb.zbar_image_destroy)
#define zbar_image_first_symbol (zb.zbar_image_first_symbol)
#define zbar_image_scanner_create (zb.zbar_image_scanner_create)
#define zbar_image_scanner_destroy (zb.zbar_image_scanner_destroy)
#define zbar_image_scanner_set_config (zb.zbar_image_scanner_set_config)
#define zbar_image_set_data (zb.zbar_image_set_data)
#define zbar_image_set_format (zb.zbar_image_set_format)
#define zbar_image_set_size (zb.zbar_image_set_size)
#define zbar_scan_image (zb.zbar_scan_image)
#define zbar_symbol_get_data (zb.zbar_symbol_get_data)
#define zbar_symbol_get_data_length (zb.zbar_symbol_get_data_length)
#define zbar_symbol_get_type (zb.zbar_symbol_get_type)
#define zbar_symbol_next (zb.zbar_symbol_next)

const char *qrscan_missing(void)
{
    pthread_once(&zbar_once, zbar_load);
    return zbar_missing[0] ? zbar_missing : NULL;
}

struct QrScanner {
    zbar_image_scanner_t *scanner;
    uint8_t *scratch; /* the cleaned copy; wiped, a frame is private */
    size_t scratch_size;
};

QrScanner *qrscan_new(void)
{
    if (qrscan_missing())
        return NULL;
    QrScanner *q = calloc(1, sizeof *q);
    if (!q)
        return NULL;
    q->scanner = zbar_image_scanner_create();
    if (!q->scanner) {
        free(q);
        return NULL;
    }
    zbar_image_scanner_set_config(q->scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
    zbar_image_scanner_set_config(q->scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
    return q;
}

void qrscan_free(QrScanner *q)
{
    if (!q)
        return;
    zbar_image_scanner_destroy(q->scanner);
    if (q->scratch)
        explicit_bzero(q->scratch, q->scratch_size);
    free(q->scratch);
    free(q);
}

static int scan(QrScanner *q, const uint8_t *px, int w, int h, char *out, size_t n)
{
    zbar_image_t *z = zbar_image_create();
    if (!z)
        return -1;
    zbar_image_set_format(z, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(z, (unsigned)w, (unsigned)h);
    /* ZBar only reads the pixels; no cleanup handler, they stay ours. */
    zbar_image_set_data(z, px, (unsigned long)w * (unsigned long)h, NULL);
    int found = zbar_scan_image(q->scanner, z);
    int count = 0;
    if (found > 0) {
        for (const zbar_symbol_t *s = zbar_image_first_symbol(z); s;
             s = zbar_symbol_next(s)) {
            if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
                continue;
            unsigned len = zbar_symbol_get_data_length(s);
            const char *data = zbar_symbol_get_data(s);
            if (!data || len == 0 || len > CAMERA_PAYLOAD_MAX || len >= n)
                continue;
            if (count == 0) {
                memcpy(out, data, len);
                out[len] = '\0';
            }
            count++;
        }
    }
    zbar_image_destroy(z);
    return found < 0 ? -1 : count;
}

/* The cleaned copy into q->scratch: a 3 x 3 average against noise, then
 * the 1st to the 99th percentile of grey stretched to 0-255. */
static bool clean(QrScanner *q, const GreyImage *img)
{
    int w = img->w, h = img->h;
    size_t size = (size_t)w * (size_t)h;
    if (size > q->scratch_size) {
        if (q->scratch)
            explicit_bzero(q->scratch, q->scratch_size);
        free(q->scratch);
        q->scratch = malloc(size);
        q->scratch_size = q->scratch ? size : 0;
        if (!q->scratch)
            return false;
    }
    uint8_t *o = q->scratch;
    unsigned hist[256] = {0};
    for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
            unsigned sum = 0, cnt = 0;
            for (int dy = -1; dy <= 1; dy++) {
                int yy = y + dy;
                if (yy < 0 || yy >= h)
                    continue;
                const uint8_t *row = img->px + (size_t)yy * (size_t)w;
                for (int dx = -1; dx <= 1; dx++) {
                    int xx = x + dx;
                    if (xx >= 0 && xx < w) {
                        sum += row[xx];
                        cnt++;
                    }
                }
            }
            uint8_t v = (uint8_t)(sum / cnt);
            o[(size_t)y * (size_t)w + (size_t)x] = v;
            hist[v]++;
        }
    }
    size_t tail = size / 100, acc = 0;
    int lo = 0, hi = 255;
    while (lo < 255 && (acc += hist[lo]) <= tail)
        lo++;
    acc = 0;
    while (hi > 0 && (acc += hist[hi]) <= tail)
        hi--;
    if (hi - lo < 8)
        return false; /* a flat picture: nothing to find */
    uint8_t map[256];
    for (int v = 0; v < 256; v++) {
        int m = (v - lo) * 255 / (hi - lo);
        map[v] = (uint8_t)(m < 0 ? 0 : m > 255 ? 255 : m);
    }
    for (size_t i = 0; i < size; i++)
        o[i] = map[o[i]];
    return true;
}

int qrscan_grey_look(QrScanner *q, const GreyImage *img, int look, char *out, size_t n)
{
    if (n)
        out[0] = '\0';
    if (!q || !img || !img->px || img->w <= 0 || img->h <= 0 || n == 0)
        return -1;
    if (look == 0)
        return scan(q, img->px, img->w, img->h, out, n);
    if (!clean(q, img))
        return 0;
    return scan(q, q->scratch, img->w, img->h, out, n);
}

int qrscan_grey(QrScanner *q, const GreyImage *img, char *out, size_t n)
{
    int found = qrscan_grey_look(q, img, 0, out, n);
    if (found == 0)
        found = qrscan_grey_look(q, img, 1, out, n);
    return found;
}
