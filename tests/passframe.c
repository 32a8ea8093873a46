#include "passframe.h"

#include <math.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

PassFrameLook passframe_plain(void)
{
    PassFrameLook l = {640, 480, 6.0f, 0.0f, 0.5f, 0.5f, 20, 235, 120, 0, 0, 1};
    return l;
}

static uint32_t xorshift(uint32_t *s)
{
    uint32_t x = *s ? *s : 0x9E3779B9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *s = x;
}

static void box_blur(GreyImage *img, int r)
{
    int w = img->w, h = img->h;
    uint8_t *tmp = malloc((size_t)w * (size_t)h);
    if (!tmp)
        return;
    for (int pass = 0; pass < 2; pass++) {
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sum = 0, n = 0;
                for (int k = -r; k <= r; k++) {
                    int xx = x + k < 0 ? 0 : x + k >= w ? w - 1 : x + k;
                    sum += img->px[y * w + xx];
                    n++;
                }
                tmp[y * w + x] = (uint8_t)(sum / n);
            }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++) {
                int sum = 0, n = 0;
                for (int k = -r; k <= r; k++) {
                    int yy = y + k < 0 ? 0 : y + k >= h ? h - 1 : y + k;
                    sum += tmp[yy * w + x];
                    n++;
                }
                img->px[y * w + x] = (uint8_t)(sum / n);
            }
    }
    free(tmp);
}

static void add_noise(GreyImage *img, int amount, uint32_t seed)
{
    uint32_t s = seed;
    for (int i = 0; i < img->w * img->h; i++) {
        int v = img->px[i] + (int)(xorshift(&s) % (uint32_t)(2 * amount + 1)) - amount;
        img->px[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

bool passframe_render(const char *text, const PassFrameLook *l, GreyImage *img)
{
    /* the same call as app/export/passsheet.c and app/ui/draw.c */
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return false;
    int modules = qr->width + 8;
    img->w = l->w;
    img->h = l->h;
    img->px = malloc((size_t)l->w * (size_t)l->h);
    if (!img->px) {
        QRcode_free(qr);
        return false;
    }
    float a = l->angle_deg * 3.14159265f / 180.0f;
    float ca = cosf(a), sa = sinf(a);
    float cx = l->cx * (float)l->w, cy = l->cy * (float)l->h;
    float half = (float)modules / 2.0f;
    /* 3 x 3 samples a pixel: edges fall between pixels as through a lens */
    for (int y = 0; y < l->h; y++) {
        for (int x = 0; x < l->w; x++) {
            int sum = 0;
            for (int sy = 0; sy < 3; sy++) {
                for (int sx = 0; sx < 3; sx++) {
                    float px = (float)x + ((float)sx + 0.5f) / 3.0f - cx;
                    float py = (float)y + ((float)sy + 0.5f) / 3.0f - cy;
                    /* into the card's frame: turn back by the angle */
                    float u = (ca * px + sa * py) / l->module_px + half;
                    float v = (-sa * px + ca * py) / l->module_px + half;
                    uint8_t c = l->background;
                    if (u >= 0 && v >= 0 && u < (float)modules && v < (float)modules) {
                        int mx = (int)u - 4, my = (int)v - 4;
                        bool dark = mx >= 0 && my >= 0 && mx < qr->width && my < qr->width &&
                                    (qr->data[my * qr->width + mx] & 1);
                        c = dark ? l->dark : l->light;
                    }
                    sum += c;
                }
            }
            img->px[y * l->w + x] = (uint8_t)(sum / 9);
        }
    }
    QRcode_free(qr);
    if (l->blur > 0)
        box_blur(img, l->blur);
    if (l->noise > 0)
        add_noise(img, l->noise, l->seed);
    return true;
}

void passframe_junk(int w, int h, uint32_t seed, GreyImage *img)
{
    uint32_t s = seed;
    img->w = w;
    img->h = h;
    img->px = malloc((size_t)w * (size_t)h);
    if (!img->px)
        return;
    for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
            img->px[y * w + x] = (uint8_t)(110 + ((x / 23 + y / 31) % 2) * 40);
    /* dark and light blocks, some square like a code's corners */
    for (int b = 0; b < 60; b++) {
        int bw = 4 + (int)(xorshift(&s) % 40), bh = 4 + (int)(xorshift(&s) % 40);
        int bx = (int)(xorshift(&s) % (uint32_t)(w - bw)), by = (int)(xorshift(&s) % (uint32_t)(h - bh));
        uint8_t c = (xorshift(&s) & 1) ? 15 : 240;
        for (int y = by; y < by + bh; y++)
            memset(img->px + y * w + bx, c, (size_t)bw);
    }
    add_noise(img, 25, seed ^ 0x5bd1e995u);
}
