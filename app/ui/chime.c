#include "ui/chime.h"

#include "core/log.h"

#include <SDL.h>
#include <math.h>
#include <stdlib.h>

#define CHIME_RATE 44100
#define CHIME_MAX_SAMPLES (CHIME_RATE * 3)

struct Chime {
    SDL_AudioDeviceID dev;
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
    if (!SDL_WasInit(SDL_INIT_AUDIO) && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        log_info("no sound: %s", SDL_GetError());
        return NULL;
    }
    SDL_AudioSpec want = {0}, have;
    want.freq = CHIME_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    SDL_AudioDeviceID dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!dev) {
        log_info("no sound device: %s", SDL_GetError());
        return NULL;
    }
    Chime *c = calloc(1, sizeof *c);
    if (!c) {
        SDL_CloseAudioDevice(dev);
        return NULL;
    }
    c->dev = dev;
    for (int k = 0; k < CHIME_COUNT; k++) {
        c->pcm[k] = malloc(sizeof(short) * CHIME_MAX_SAMPLES);
        if (c->pcm[k])
            c->len[k] = chime_render((ChimeKind)k, CHIME_RATE, c->pcm[k], CHIME_MAX_SAMPLES);
    }
    c->scratch = malloc(sizeof(short) * CHIME_MAX_SAMPLES);
    SDL_PauseAudioDevice(dev, 0);
    return c;
}

void chime_close(Chime *c)
{
    if (!c)
        return;
    SDL_CloseAudioDevice(c->dev);
    for (int k = 0; k < CHIME_COUNT; k++)
        free(c->pcm[k]);
    free(c->scratch);
    free(c);
}

void chime_play(Chime *c, ChimeKind kind, int volume)
{
    if (!c || !c->pcm[kind] || !c->scratch || volume <= 0)
        return;
    c->played++;
    c->last_volume = volume;
    float gain = (float)volume / 100.0f;
    gain *= gain; /* perceptual: half the slider is a quarter of the power */
    for (int i = 0; i < c->len[kind]; i++)
        c->scratch[i] = (short)((float)c->pcm[kind][i] * gain);
    SDL_ClearQueuedAudio(c->dev);
    SDL_QueueAudio(c->dev, c->scratch, (Uint32)(sizeof(short) * (size_t)c->len[kind]));
}

unsigned chime_played(const Chime *c, int *last_volume)
{
    if (last_volume)
        *last_volume = c ? c->last_volume : 0;
    return c ? c->played : 0;
}
