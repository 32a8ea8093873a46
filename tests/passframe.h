/* Camera frames made for tests: a real pass's QR code as a camera would see
 * it (turned, blurred, noisy, faint, far away), and frames with no code. */
#ifndef HEARTH_PASSFRAME_H
#define HEARTH_PASSFRAME_H

#include "camera/camera.h"

typedef struct PassFrameLook {
    int w, h;          /* the frame */
    float module_px;   /* size of one QR module in pixels */
    float angle_deg;   /* the card turned clockwise */
    float cx, cy;      /* where the code's centre is, 0-1 of the frame */
    uint8_t dark, light, background; /* ink, paper, the room behind */
    int blur;          /* box blur radius, applied twice (about Gaussian) */
    int noise;         /* uniform sensor noise, +- this much */
    uint32_t seed;     /* for the noise */
} PassFrameLook;

/* A plain look: 640x480, 6 px modules, upright, centred, black on white
 * paper before a grey wall. */
PassFrameLook passframe_plain(void);

/* Renders the QR code of text (encoded as the pass sheet and the screen
 * encode a payload: libqrencode, level M, four modules of quiet zone). The
 * caller frees img->px. False when the text cannot be encoded. */
bool passframe_render(const char *text, const PassFrameLook *look, GreyImage *img);

/* A frame with no code: noise, stripes and blocks like a room and a shirt. */
void passframe_junk(int w, int h, uint32_t seed, GreyImage *img);

#endif
