/* One count per card shown, however many frames it appears on. */
#include "camera/camera.h"

#include <string.h>

static void wipe(void *p, size_t n)
{
    /* a payload is a pass secret: gone from memory when forgotten */
    explicit_bzero(p, n);
}

void camera_debounce_init(CameraDebounce *d, uint32_t hold_ms, uint32_t away_ms)
{
    wipe(d, sizeof *d);
    d->hold_ms = hold_ms;
    d->away_ms = away_ms;
}

void camera_debounce_clear(CameraDebounce *d)
{
    uint32_t hold = d->hold_ms, away = d->away_ms;
    camera_debounce_init(d, hold, away);
}

bool camera_debounce_accept(CameraDebounce *d, const char *payload, uint64_t now_ms)
{
    if (!payload || !payload[0] || strlen(payload) > CAMERA_PAYLOAD_MAX)
        return false;
    int oldest = 0;
    for (int i = 0; i < CAMERA_DEBOUNCE_SLOTS; i++) {
        if (d->slot[i].used && !strcmp(d->slot[i].payload, payload)) {
            uint64_t since_count = now_ms - d->slot[i].counted_ms;
            uint64_t since_seen = now_ms - d->slot[i].seen_ms;
            d->slot[i].seen_ms = now_ms;
            if (since_count >= d->hold_ms && since_seen >= d->away_ms) {
                d->slot[i].counted_ms = now_ms;
                return true;
            }
            return false;
        }
        if (!d->slot[i].used)
            oldest = i;
        else if (d->slot[oldest].used && d->slot[i].seen_ms < d->slot[oldest].seen_ms)
            oldest = i;
    }
    /* a payload not seen lately: counts, in the free slot or the stalest */
    wipe(&d->slot[oldest], sizeof d->slot[oldest]);
    memcpy(d->slot[oldest].payload, payload, strlen(payload) + 1);
    d->slot[oldest].counted_ms = now_ms;
    d->slot[oldest].seen_ms = now_ms;
    d->slot[oldest].used = true;
    return true;
}
