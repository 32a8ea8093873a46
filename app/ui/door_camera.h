/* The door's camera mode: a live preview while someone holds their pass up
 * to the camera, and what the camera read, debounced. The capture and the
 * decoding live in app/camera; this is the part that needs SDL. Built
 * without the camera (HEARTH_CAMERA off), every call says "no camera". */
#ifndef HEARTH_DOOR_CAMERA_H
#define HEARTH_DOOR_CAMERA_H

#include "ui/app.h"

typedef struct DoorCamera DoorCamera;

/* The kiosk's camera, found once at start: a V4L2 capture device Hearth
 * can read, else NULL (and the door looks as it always has). */
CameraSource *door_camera_probe(void);
void door_camera_source_free(CameraSource *src);

/* The door's side of app->camera; NULL when the app has none. */
DoorCamera *door_camera_new(App *app);
void door_camera_free(DoorCamera *c);

/* Starts the camera (it opens in its own thread, so this never blocks);
 * false when it cannot even try. */
bool door_camera_start(App *app, DoorCamera *c);
/* Stops it; the last frame is wiped. */
void door_camera_stop(DoorCamera *c);
bool door_camera_running(const DoorCamera *c);

typedef enum DoorCameraEvent {
    DOORCAM_NOTHING,
    DOORCAM_FRAME,  /* a new preview to draw */
    DOORCAM_READ,   /* a pass was read: the payload is in out */
    DOORCAM_FAILED  /* the camera stopped: a sentence is in out */
} DoorCameraEvent;

/* What happened since the last call, at app->now. A payload seen on frame
 * after frame comes once; the same card counts again only after a few
 * seconds away from the camera. The caller wipes out after use. */
DoorCameraEvent door_camera_poll(App *app, DoorCamera *c, char *out, size_t n);

/* Draws the preview, mirrored like a looking glass, filling box (kept in
 * proportion), with guides where to hold the card. */
void door_camera_draw(App *app, DoorCamera *c, View *v, SDL_Rect box);

#endif
