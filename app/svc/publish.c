#include "svc/publish.h"

#include "core/i18n.h"
#include "store/store_publish.h"

#include <stdio.h>
#include <string.h>

/* Sessions read, sent and then noted in one kiosk transaction: one sync
 * of the kiosk's disk per batch, not per session, so the door, which
 * waits for the write lock while the publisher commits, seldom waits. */
#define PUBLISH_BATCH 16

typedef struct Done {
    char id[40];
    char date[16];
    bool already; /* the server had it */
} Done;

/* The server has these sessions: they leave the outbox, each with its
 * audit row, in one transaction. A session purged meanwhile is simply
 * gone; if this fails or the power goes now, they are sent again and the
 * server, which has them, changes nothing. */
static StoreResult note_published(Store *s, const Done *done, int n, int64_t wall_ms)
{
    if (n == 0)
        return STORE_OK;
    StoreResult r = store_tx_begin(s);
    for (int i = 0; r == STORE_OK && i < n; i++) {
        r = store_outbox_done(s, done[i].id, done[i].date);
        if (r == STORE_OK) {
            char detail[96];
            snprintf(detail, sizeof detail, "session %.8s of %s%s", done[i].id, done[i].date,
                     done[i].already ? " (the server had it)" : "");
            r = store_audit(s, wall_ms, "publish", detail);
        } else if (r == STORE_NOT_FOUND) {
            r = STORE_OK;
        }
    }
    if (r != STORE_OK) {
        store_tx_rollback(s);
        return r;
    }
    return store_tx_commit(s);
}

static bool store_failed(Store *s, PublishOutcome *out, char *err, size_t errlen)
{
    snprintf(err, errlen, "%s", store_error(s));
    out->result = PROGRAM_ERROR;
    return false;
}

/* Sends one session; true when the server has it now (or had it). */
static bool send_one(Store *s, ProgramConn *pc, const char *id, const char *site, Done *done,
                     bool *sent, PublishOutcome *out, char *err, size_t errlen)
{
    *sent = false;
    SessionAggregate a;
    StoreResult sr = store_publish_read(s, id, &a);
    if (sr == STORE_NOT_FOUND)
        return true; /* purged meanwhile: nothing to send */
    if (sr != STORE_OK)
        return store_failed(s, out, err, errlen);
    snprintf(a.site, sizeof a.site, "%s", site ? site : "");
    ProgramResult res = program_publish(pc, &a, err, errlen);
    bool ok = res == PROGRAM_OK || res == PROGRAM_ALREADY;
    if (ok) {
        snprintf(done->id, sizeof done->id, "%s", a.id);
        snprintf(done->date, sizeof done->date, "%s", a.date);
        done->already = res == PROGRAM_ALREADY;
        *sent = true;
    } else {
        out->result = res;
    }
    aggregate_free(&a);
    return ok;
}

bool publish_pending(Store *s, const char *server, const char *site, int max, int64_t wall_ms,
                     PublishOutcome *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (store_outbox_status(s, &out->waiting, out->up_to) != STORE_OK)
        return store_failed(s, out, err, errlen);
    /* connected even with nothing to send: the server's trouble is told
     * now, not on the day a session waits */
    ProgramResult res;
    ProgramConn *pc = program_connect(server, &res, err, errlen);
    if (!pc) {
        out->result = res;
        return false;
    }
    bool ok = true;
    int left = max > 0 ? max : out->waiting;
    char ids[PUBLISH_BATCH][40];
    Done done[PUBLISH_BATCH];
    while (ok && left > 0) {
        int n = store_outbox_next(s, ids, left < PUBLISH_BATCH ? left : PUBLISH_BATCH);
        if (n < 0) {
            ok = store_failed(s, out, err, errlen);
            break;
        }
        int ndone = 0;
        for (int i = 0; ok && i < n; i++) {
            bool sent;
            ok = send_one(s, pc, ids[i], site, &done[ndone], &sent, out, err, errlen);
            ndone += sent;
        }
        /* what the server took is noted even when a later one failed */
        if (note_published(s, done, ndone, wall_ms) != STORE_OK) {
            ok = store_failed(s, out, err, errlen);
            break;
        }
        for (int i = 0; i < ndone; i++) {
            out->published += !done[i].already;
            out->already += done[i].already;
        }
        left -= n;
        if (n < PUBLISH_BATCH)
            break;
    }
    program_close(pc);
    if (store_outbox_status(s, &out->waiting, out->up_to) != STORE_OK && ok)
        return store_failed(s, out, err, errlen);
    return ok;
}

StoreResult publish_waiting(Store *s, int *waiting, char up_to[16])
{
    return store_outbox_status(s, waiting, up_to);
}

int64_t publish_backoff_ms(int failures)
{
    int64_t ms = 5000;
    for (int i = 1; i < failures && ms < 600000; i++)
        ms *= 2;
    return ms < 600000 ? ms : 600000;
}

void publish_status_text(const char *up_to, int waiting, ProgramResult last, char *out,
                         size_t n)
{
    if (last == PROGRAM_NOT_BUILT) {
        snprintf(out, n, "%s", program_not_built_text());
        return;
    }
    char day[96] = "", first[200];
    int y, m, d;
    if (up_to && sscanf(up_to, "%4d-%2d-%2d", &y, &m, &d) == 3)
        i18n_format_day(day, sizeof day, y, m, d); /* the date as published (UTC) */
    if (day[0])
        snprintf(first, sizeof first,
                 P_("Published up to %s; %d session waiting.",
                    "Published up to %s; %d sessions waiting.", waiting),
                 day, waiting);
    else
        snprintf(first, sizeof first,
                 P_("Nothing published yet; %d session waiting.",
                    "Nothing published yet; %d sessions waiting.", waiting),
                 waiting);
    const char *why = "";
    if (last == PROGRAM_UNREACHABLE)
        why = _("The program's server cannot be reached; the kiosk tries again by itself.");
    else if (last != PROGRAM_OK && last != PROGRAM_ALREADY)
        why = _("The program's server refused: 'hearth publish' says why.");
    snprintf(out, n, why[0] ? "%s %s" : "%s%s", first, why);
}
