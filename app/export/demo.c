/* Synthetic groups for demonstrations and benchmarks. */
#include "export/demo.h"

#include "core/i18n.h"
#include "core/pass.h"
#include "export/report.h"
#include "store/store_pass.h"
#include "store/store_rating.h"
#include "store/store_report.h"
#include "store/store_session.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A small seeded generator (xorshift64*): the same seed, the same data. */
typedef struct Rng {
    uint64_t s;
} Rng;

static uint64_t rng_next(Rng *r)
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ULL;
}

static double unif(Rng *r) { return (double)(rng_next(r) >> 11) / 9007199254740992.0; }

static double gauss(Rng *r)
{
    double u = unif(r), v = unif(r);
    return sqrt(-2.0 * log(u > 1e-12 ? u : 1e-12)) * cos(2 * M_PI * v);
}

static int clampi(double v, int lo, int hi)
{
    long x = lround(v);
    return x < lo ? lo : x > hi ? hi : (int)x;
}

typedef struct Client {
    char pass_id[40];
    double base;   /* mood on arrival at the start of treatment, 1..5 */
    double gain;   /* how much it rises by the end */
    double attend; /* the chance of coming to a session */
    double lift;   /* how much a session lifts mood by check-out */
    int start, end; /* weeks of treatment [start, end) */
    bool used;
} Client;

typedef struct DemoExercise {
    const char *id;
    const char *instrument;
    double effect; /* mean change post - pre */
} DemoExercise;

/* Exercise ids of data/exercises that rate before and after, with effects
 * in the range skills groups report (calming skills lower distress most). */
static const DemoExercise exercises[] = {
    {"tipp", "distress", -2.4},
    {"paced-breathing", "distress", -1.8},
    {"box-breathing", "distress", -1.6},
    {"progressive-muscle-relaxation", "distress", -1.9},
    {"grounding-54321", "distress", -1.3},
    {"stop-skill", "distress", -1.0},
    {"self-soothe", "distress", -1.2},
    {"urge-surfing", "urge", -1.8},
};
#define NEXERCISES (int)(sizeof exercises / sizeof exercises[0])

static const char *const names[] = {
    "Demo - DBT Skills - Mon AM",   "Demo - CBT Relapse Prevention - Tue PM",
    "Demo - Emotion Regulation - Wed", "Demo - IOP Evening - Thu",
    "Demo - Mindfulness - Fri AM",
};

typedef struct Demo {
    Store *s;
    Rng rng;
    const DemoOptions *opt;
    DemoStats st;
    int64_t now;
} Demo;

static StoreResult new_client(Demo *d, Client *c, int start, int weeks)
{
    PassSecret secret;
    unsigned char hash[PASS_HASH_BYTES];
    char pseudo[PASS_PSEUDONYM_SIZE];
    StoreResult r = STORE_EXISTS;
    for (int tries = 0; tries < 20 && r == STORE_EXISTS; tries++) {
        if (!pass_generate(&secret))
            return STORE_ERROR;
        pass_hash(&secret, hash);
        pass_pseudonym(&secret, pseudo);
        sodium_memzero(&secret, sizeof secret);
        PassInfo info;
        r = store_pass_add(d->s, hash, pseudo, d->now, &info);
        if (r == STORE_OK)
            snprintf(c->pass_id, sizeof c->pass_id, "%s", info.id);
    }
    if (r != STORE_OK)
        return r;
    d->st.passes++;
    c->base = 1.9 + unif(&d->rng) * 1.1;
    c->gain = 0.4 + unif(&d->rng) * 1.3;
    c->attend = 0.62 + unif(&d->rng) * 0.33;
    c->lift = 0.25 + unif(&d->rng) * 0.6;
    c->start = start;
    c->end = start + weeks;
    c->used = true;
    return STORE_OK;
}

static StoreResult rate(Demo *d, const char *session, const char *instrument, RatingPhase phase,
                        int value, const char *pass_id, const char *run_id, int64_t at)
{
    RatingRow row = {.session_id = session, .instrument = instrument, .phase = phase,
                     .value = value, .pass_id = pass_id, .run_id = run_id, .wall_ms = at};
    d->st.ratings++;
    return store_answer_add(d->s, &row, NULL);
}

/* One session: who comes, their moods, one or two exercises. */
static StoreResult session(Demo *d, const char *group_id, bool anonymous, Client *cl, int ncl,
                           int week, int64_t opened, bool low_week)
{
    char sid[40];
    StoreResult r = store_demo_session(d->s, group_id, opened, opened + 90 * 60000LL, sid);
    if (r != STORE_OK)
        return r;
    d->st.sessions++;
    int here[16], nhere = 0;
    double room = gauss(&d->rng) * 0.3; /* a hard day or a good one, for everyone */
    double arrival[16];
    for (int i = 0; i < ncl && r == STORE_OK; i++) {
        Client *c = &cl[i];
        if (!c->used || week < c->start || week >= c->end)
            continue;
        if (unif(&d->rng) > c->attend * (low_week ? 0.55 : 1.0))
            continue;
        int64_t at = opened - 300000 + (int64_t)(unif(&d->rng) * 600000);
        r = store_checkin_add(d->s, sid, c->pass_id, CHECKIN_IN, at, NULL);
        here[nhere] = i;
        double progress = (week - c->start + 0.5) / (double)(c->end - c->start);
        arrival[nhere] = c->base + c->gain * progress + room + gauss(&d->rng) * 0.55;
        if (r == STORE_OK && unif(&d->rng) < 0.93)
            r = rate(d, sid, "mood", PHASE_ARRIVAL, clampi(arrival[nhere], 1, 5),
                     anonymous ? NULL : c->pass_id, NULL, at + 20000);
        nhere++;
    }
    int nruns = unif(&d->rng) < 0.45 ? 2 : 1;
    for (int k = 0; k < nruns && r == STORE_OK && nhere > 0; k++) {
        const DemoExercise *ex = &exercises[(int)(unif(&d->rng) * NEXERCISES) % NEXERCISES];
        int64_t t0 = opened + (20 + 30 * k) * 60000LL;
        char run[40];
        r = store_run_start(d->s, sid, ex->id, t0, run);
        /* urge and distress are both 0-10; urges start a little lower */
        bool urge = !strcmp(ex->instrument, "urge");
        int top = 10;
        for (int i = 0; i < nhere && r == STORE_OK; i++) {
            const Client *c = &cl[here[i]];
            double progress = (week - c->start + 0.5) / (double)(c->end - c->start);
            double pre = (urge ? 5.6 - 2.2 * progress : 6.3 - 2.2 * progress) +
                         gauss(&d->rng) * (urge ? 1.6 : 1.4) - room;
            double post = pre + ex->effect * (0.6 + 0.5 * unif(&d->rng)) + gauss(&d->rng) * 0.8;
            const char *who = anonymous ? NULL : c->pass_id;
            if (unif(&d->rng) < 0.92)
                r = rate(d, sid, ex->instrument, PHASE_PRE, clampi(pre, 0, top), who, run,
                         t0 + 30000);
            if (r == STORE_OK && unif(&d->rng) < 0.88)
                r = rate(d, sid, ex->instrument, PHASE_POST, clampi(post, 0, top), who, run,
                         t0 + 15 * 60000LL);
        }
        if (r == STORE_OK)
            r = store_run_end(d->s, run, true, 0, t0 + 16 * 60000LL);
    }
    for (int i = 0; i < nhere && r == STORE_OK; i++) {
        const Client *c = &cl[here[i]];
        if (unif(&d->rng) > 0.9)
            continue; /* left early */
        int64_t at = opened + 85 * 60000LL + (int64_t)(unif(&d->rng) * 240000);
        r = store_checkin_add(d->s, sid, c->pass_id, CHECKIN_OUT, at, NULL);
        const char *who = anonymous ? NULL : c->pass_id;
        if (r == STORE_OK && unif(&d->rng) < 0.9)
            r = rate(d, sid, "mood", PHASE_CHECKOUT,
                     clampi(arrival[i] + c->lift + gauss(&d->rng) * 0.45, 1, 5), who, NULL,
                     at + 15000);
        double progress = (week - c->start + 0.5) / (double)(c->end - c->start);
        if (r == STORE_OK && unif(&d->rng) < 0.6)
            r = rate(d, sid, "helpful", PHASE_CHECKOUT,
                     clampi(6.0 + 2.2 * progress + gauss(&d->rng) * 1.5, 0, 10), who, NULL,
                     at + 30000);
    }
    return r;
}

static StoreResult group(Demo *d, int gi, int64_t start_ms)
{
    char name[GROUP_NAME_SIZE], gid[40];
    if (gi < 5)
        snprintf(name, sizeof name, "%s", names[gi]);
    else
        snprintf(name, sizeof name, "%s %d", names[gi % 5], gi / 5 + 1);
    bool anonymous = gi % 2 == 1; /* some groups opted into pseudonymous ratings */
    StoreResult r = store_group_ensure(d->s, name, start_ms, gid);
    if (r == STORE_OK)
        r = store_group_set_anonymous(d->s, name, anonymous);
    if (r != STORE_OK)
        return r;
    d->st.groups++;
    /* the first group is a closed cohort of twelve weeks; the others take
     * people in as places free up */
    bool closed = gi == 0;
    int per_week = 3 + gi % 3;
    static const int days[5] = {0, 2, 4, 1, 3}; /* Mon, Wed, Fri, then Tue, Thu */
    int hour = 9 + (gi * 3) % 9;
    int places = closed ? 11 : 6 + (gi * 5) % 7;
    Client cl[16];
    memset(cl, 0, sizeof cl);
    for (int i = 0; i < places && r == STORE_OK; i++) {
        int len = closed ? 12 : 8 + (int)(unif(&d->rng) * 5);
        int start = closed ? 0 : -(int)(unif(&d->rng) * len);
        r = new_client(d, &cl[i], start, len);
    }
    for (int w = 0; w < d->opt->weeks && r == STORE_OK; w++) {
        /* people who finished leave; new people take their places (a
         * place stays empty for a week now and then) */
        for (int i = 0; i < places && r == STORE_OK; i++) {
            if (cl[i].end > w)
                continue;
            if (!closed && unif(&d->rng) < 0.3) {
                cl[i].end = w + 1;
                continue;
            }
            store_pass_revoke(d->s, cl[i].pass_id, start_ms + w * REPORT_WEEK_MS);
            int len = closed ? 12 : 8 + (int)(unif(&d->rng) * 5);
            r = new_client(d, &cl[i], w, len);
        }
        /* early leavers in a closed cohort: the group gets smaller */
        if (closed && w % 12 == 5)
            cl[(int)(unif(&d->rng) * places)].end = w;
        bool low_week = unif(&d->rng) < 0.06; /* flu season, a holiday week */
        for (int k = 0; k < per_week && r == STORE_OK; k++) {
            if (unif(&d->rng) < 0.03)
                continue; /* cancelled */
            int64_t at = start_ms + w * REPORT_WEEK_MS + days[k] * REPORT_DAY_MS +
                         hour * 3600000LL;
            if (at >= d->now)
                continue;
            r = session(d, gid, anonymous, cl, places, w, at, low_week);
        }
    }
    return r;
}

bool demo_fill(Store *s, const DemoOptions *opt, DemoStats *stats, char *err, size_t errlen)
{
    char one[1][GROUP_NAME_SIZE];
    if (store_report_groups(s, one, 1, 0) > 0) {
        snprintf(err, errlen, "%s",
                 _("this database already holds groups: demo data goes into a database of "
                   "its own, such as 'hearth --db demo.db demo-data'"));
        return false;
    }
    Demo d = {.s = s, .rng = {0x9E3779B97F4A7C15ULL ^ ((uint64_t)opt->seed * 0xD1B54A32D192ED03ULL)},
              .opt = opt, .now = opt->now_ms};
    if (d.rng.s == 0)
        d.rng.s = 1;
    /* the first session falls on a Monday, weeks before now */
    int64_t day = opt->now_ms / REPORT_DAY_MS * REPORT_DAY_MS;
    int weekday = (int)((day / REPORT_DAY_MS + 3) % 7); /* 0 = Monday; 1970-01-01 was a Thursday */
    int64_t start = day - weekday * REPORT_DAY_MS - (int64_t)opt->weeks * REPORT_WEEK_MS;
    StoreResult r = store_demo_begin(s);
    for (int g = 0; g < opt->groups && r == STORE_OK; g++)
        r = group(&d, g, start);
    if (r == STORE_OK)
        r = store_setting_set(s, "demo_data", "1");
    if (r == STORE_OK) {
        char detail[96];
        snprintf(detail, sizeof detail, "%d groups, %d weeks, %d sessions", d.st.groups,
                 opt->weeks, d.st.sessions);
        r = store_audit(s, opt->now_ms, "demo.data", detail);
    }
    if (r != STORE_OK) {
        snprintf(err, errlen, "%s", store_error(s));
        store_demo_abort(s);
        return false;
    }
    r = store_demo_commit(s);
    if (r != STORE_OK) {
        snprintf(err, errlen, "%s", store_error(s));
        return false;
    }
    if (stats)
        *stats = d.st;
    return true;
}
