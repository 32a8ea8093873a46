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

/* The sound card is opened and closed by a thread of its own that lives
 * only while a chime plays. Opening SDL's audio takes tens of ms (loading
 * the backend, enumerating cards), and closing it up to 100 ms (SDL joins
 * its ALSA hotplug thread, which sleeps in steps of 100 ms): time the main
 * loop must never lose, or a scanner's keys arriving meanwhile would be
 * read late and the burst split (core/scanner.h). */
struct Chime {
    SDL_mutex *lock;
    SDL_cond *wake;
    SDL_Thread *worker;    /* the player thread, while it runs or until joined */
    bool running;          /* the worker has not finished */
    bool quit;             /* chime_close: stop now */
    int want, want_volume; /* the chime the worker is to play next, or -1 */
    bool dev_open;         /* the device is open (for tests) */
    bool told;             /* "no sound" was logged */
    int pending;           /* the ChimeKind chime_play asked for, or -1 */
    /* the worker's own */
    SDL_AudioDeviceID dev;
    short *pcm[CHIME_COUNT];
    int len[CHIME_COUNT];
    short *scratch;
    /* the main thread's */
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
    if (!c)
        return NULL;
    c->lock = SDL_CreateMutex();
    c->wake = SDL_CreateCond();
    if (!c->lock || !c->wake) {
        chime_close(c);
        return NULL;
    }
    c->pending = c->want = -1;
    return c;
}

/* Closes the device and SDL's audio with it: its ALSA backend keeps a
 * thread that wakes ten times a second and probes /dev/snd for new cards,
 * for as long as audio is initialised. */
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
    const char *why = NULL;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        why = "no sound";
    } else {
        SDL_AudioSpec want = {0}, have;
        want.freq = CHIME_RATE;
        want.format = AUDIO_S16SYS;
        want.channels = 1;
        want.samples = 1024;
        c->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
        if (!c->dev)
            why = "no sound device";
    }
    if (why) {
        SDL_LockMutex(c->lock);
        bool told = c->told;
        c->told = true;
        SDL_UnlockMutex(c->lock);
        if (!told) /* once: a board without sound says so at every chime */
            log_info("%s: %s", why, SDL_GetError());
        device_close(c);
        return false;
    }
    return true;
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

/* The worker: opens the device, plays what is asked (a chime asked while
 * one plays cuts it off), closes it all once the last has played, and
 * ends. Holds the lock except while it talks to SDL's audio. */
static int worker_main(void *arg)
{
    Chime *c = arg;
    SDL_LockMutex(c->lock);
    uint64_t until = 0;
    for (;;) {
        if (c->want >= 0 && !c->quit) {
            ChimeKind kind = (ChimeKind)c->want;
            int volume = c->want_volume;
            c->want = -1;
            SDL_UnlockMutex(c->lock);
            int n = prepare(c, kind, volume);
            bool open = n > 0 && (c->dev || device_open(c));
            if (open) {
                SDL_ClearQueuedAudio(c->dev);
                SDL_QueueAudio(c->dev, c->scratch, (Uint32)(sizeof(short) * (size_t)n));
                SDL_PauseAudioDevice(c->dev, 0);
                /* its length, and a little for the device's own buffer */
                until = SDL_GetTicks64() + (uint64_t)n * 1000 / CHIME_RATE + CHIME_TAIL_MS;
            }
            SDL_LockMutex(c->lock);
            c->dev_open = c->dev != 0;
            continue;
        }
        uint64_t now = SDL_GetTicks64();
        if (c->quit || !c->dev || now >= until) {
            /* done: close, unless a chime came in meanwhile */
            SDL_UnlockMutex(c->lock);
            device_close(c);
            SDL_LockMutex(c->lock);
            c->dev_open = false;
            if (c->want >= 0 && !c->quit)
                continue;
            break;
        }
        SDL_CondWaitTimeout(c->wake, c->lock, (Uint32)(until - now));
    }
    c->running = false;
    SDL_UnlockMutex(c->lock);
    return 0;
}

void chime_close(Chime *c)
{
    if (!c)
        return;
    if (c->lock) {
        SDL_LockMutex(c->lock);
        c->quit = true;
        SDL_CondSignal(c->wake);
        SDL_UnlockMutex(c->lock);
    }
    if (c->worker)
        SDL_WaitThread(c->worker, NULL);
    for (int k = 0; k < CHIME_COUNT; k++)
        free(c->pcm[k]);
    free(c->scratch);
    if (c->wake)
        SDL_DestroyCond(c->wake);
    if (c->lock)
        SDL_DestroyMutex(c->lock);
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

void chime_pump(Chime *c)
{
    if (!c || c->pending < 0)
        return;
    SDL_LockMutex(c->lock);
    c->want = c->pending;
    c->want_volume = c->last_volume;
    c->pending = -1;
    if (c->running) {
        SDL_CondSignal(c->wake);
        SDL_UnlockMutex(c->lock);
        return;
    }
    SDL_UnlockMutex(c->lock);
    if (c->worker) /* the last one has ended: collect it */
        SDL_WaitThread(c->worker, NULL);
    c->running = true;
    c->worker = SDL_CreateThread(worker_main, "hearth-chime", c);
    if (!c->worker) {
        c->running = false;
        log_info("no sound: %s", SDL_GetError());
    }
}

/* A flag the worker sets, read under the lock. */
static bool read_flag(Chime *c, const bool *flag)
{
    if (!c)
        return false;
    SDL_LockMutex(c->lock);
    bool v = *flag;
    SDL_UnlockMutex(c->lock);
    return v;
}

bool chime_device_open(Chime *c) { return c && read_flag(c, &c->dev_open); }

bool chime_busy(Chime *c) { return c && read_flag(c, &c->running); }

unsigned chime_played(const Chime *c, int *last_volume)
{
    if (last_volume)
        *last_volume = c ? c->last_volume : 0;
    return c ? c->played : 0;
}
