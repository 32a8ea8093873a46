#include "ui/chime.h"

#include "core/log.h"

#include <SDL.h>
#include <math.h>
#include <stdlib.h>

#define CHIME_RATE 44100
#define CHIME_MAX_SAMPLES (CHIME_RATE * 3)

/* How long the device stays open after a chime's last sample was queued:
 * SDL's buffer and the sound card's still hold some of it. */
#define CHIME_TAIL_MS 300

struct Chime {
    SDL_AudioDeviceID dev; /* open only while a chime plays (chime_pump) */
    uint64_t close_at;     /* when the one playing is over */
    int pending;           /* the ChimeKind to play at the next pump, or -1 */
    bool told;             /* "no sound" was logged */
    short *pcm[CHIME_COUNT];
    int len[CHIME_COUNT];
    short *scratch;
    unsigned played;
    int last_volume;
};

typedef struct Note {
    float start_s, freq, amp, decay_s;
} Note;

/* A soft bell: a sine with a quieter octave and a twelfth, a 12 ms attack
 * so nothing clicks, and an exponential decay. */
static void add_note(float *acc, int n, int rate, Note note)
{
    int first = (int)(note.start_s * (float)rate);
    for (int i = first; i < n; i++) {
        float t = (float)(i - first) / (float)rate;
        float env = (t < 0.012f ? t / 0.012f : 1.0f) * expf(-t / note.decay_s);
        float w = 2.0f * 3.14159265f * note.freq * t;
        float s = sinf(w) + 0.25f * sinf(2 * w) * expf(-t * 3) + 0.08f * sinf(3 * w) * expf(-t * 6);
        acc[i] += note.amp * env * s;
    }
}

int chime_render(ChimeKind kind, int rate, short *out, int max)
{
    static const Note ok[] = {{0, 587.33f, 0.35f, 0.35f}, {0.14f, 739.99f, 0.35f, 0.5f}};
    static const Note welcome[] = {{0, 659.25f, 0.3f, 0.3f}, {0.22f, 659.25f, 0.3f, 0.45f}};
    static const Note notice[] = {{0, 392.0f, 0.32f, 0.55f}};
    static const Note step[] = {{0, 880.0f, 0.18f, 0.4f}};
    static const Note end[] = {{0, 783.99f, 0.3f, 0.6f}, {0.3f, 659.25f, 0.3f, 0.6f},
                               {0.6f, 523.25f, 0.3f, 0.9f}};
    const Note *notes;
    int count;
    float seconds;
    switch (kind) {
    case CHIME_OK: notes = ok; count = 2; seconds = 1.2f; break;
    case CHIME_WELCOME: notes = welcome; count = 2; seconds = 1.2f; break;
    case CHIME_NOTICE: notes = notice; count = 1; seconds = 1.4f; break;
    case CHIME_STEP: notes = step; count = 1; seconds = 1.0f; break;
    default: notes = end; count = 3; seconds = 2.6f; break;
    }
    int n = (int)(seconds * (float)rate);
    if (n > max)
        n = max;
    float *acc = calloc((size_t)n, sizeof *acc);
    if (!acc)
        return 0;
    for (int i = 0; i < count; i++)
        add_note(acc, n, rate, notes[i]);
    for (int i = 0; i < n; i++) {
        float fade = i > n - rate / 20 ? (float)(n - i) / (float)(rate / 20) : 1.0f;
        float v = acc[i] * fade;
        v = v > 1 ? 1 : v < -1 ? -1 : v;
        out[i] = (short)(v * 32000.0f);
    }
    free(acc);
    return n;
}

Chime *chime_open(void)
{
    Chime *c = calloc(1, sizeof *c);
    if (c)
        c->pending = -1;
    return c;
}

/* Closes the device and SDL's audio with it: its ALSA backend keeps a
 * thread that wakes ten times a second and probes /dev/snd for new cards,
 * forever, for as long as audio is initialised. */
static void device_close(Chime *c)
{
    if (c->dev)
        SDL_CloseAudioDevice(c->dev);
    c->dev = 0;
    if (SDL_WasInit(SDL_INIT_AUDIO))
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

static bool device_open(Chime *c)
{
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        if (!c->told)
            log_info("no sound: %s", SDL_GetError());
        c->told = true;
        return false;
    }
    SDL_AudioSpec want = {0}, have;
    want.freq = CHIME_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    c->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!c->dev) {
        if (!c->told)
            log_info("no sound device: %s", SDL_GetError());
        c->told = true;
        device_close(c);
        return false;
    }
    return true;
}

void chime_close(Chime *c)
{
    if (!c)
        return;
    device_close(c);
    for (int k = 0; k < CHIME_COUNT; k++)
        free(c->pcm[k]);
    free(c->scratch);
    free(c);
}

void chime_play(Chime *c, ChimeKind kind, int volume)
{
    if (!c || kind < 0 || kind >= CHIME_COUNT || volume <= 0)
        return;
    c->played++;
    c->last_volume = volume;
    c->pending = (int)kind;
}

/* The chime at the volume asked for, in scratch; its length in samples.
 * Each chime is synthesised the first time it plays (a few milliseconds;
 * at start it would delay the first frame). */
static int prepare(Chime *c, ChimeKind kind, int volume)
{
    if (!c->pcm[kind]) {
        c->pcm[kind] = malloc(sizeof(short) * CHIME_MAX_SAMPLES);
        if (!c->pcm[kind])
            return 0;
        c->len[kind] = chime_render(kind, CHIME_RATE, c->pcm[kind], CHIME_MAX_SAMPLES);
    }
    if (!c->scratch && !(c->scratch = malloc(sizeof(short) * CHIME_MAX_SAMPLES)))
        return 0;
    float gain = (float)volume / 100.0f;
    gain *= gain; /* perceptual: half the slider is a quarter of the power */
    for (int i = 0; i < c->len[kind]; i++)
        c->scratch[i] = (short)((float)c->pcm[kind][i] * gain);
    return c->len[kind];
}

uint64_t chime_pump(Chime *c, uint64_t now_ms)
{
    if (!c)
        return 0;
    if (c->pending >= 0) {
        int n = prepare(c, (ChimeKind)c->pending, c->last_volume);
        c->pending = -1;
        if (n > 0 && (c->dev || device_open(c))) {
            SDL_ClearQueuedAudio(c->dev);
            SDL_QueueAudio(c->dev, c->scratch, (Uint32)(sizeof(short) * (size_t)n));
            SDL_PauseAudioDevice(c->dev, 0);
            /* its length, and a little for the device's own buffer */
            c->close_at = now_ms + (uint64_t)n * 1000 / CHIME_RATE + CHIME_TAIL_MS;
        }
    }
    if (!c->dev)
        return 0;
    if (now_ms < c->close_at)
        return c->close_at;
    device_close(c);
    return 0;
}

bool chime_device_open(const Chime *c) { return c && c->dev; }

unsigned chime_played(const Chime *c, int *last_volume)
{
    if (last_volume)
        *last_volume = c ? c->last_volume : 0;
    return c ? c->played : 0;
}
