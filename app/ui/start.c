/* The screens a kiosk starts on, once its database is open: the door, the
 * first start's setup over it, or the exercise a power cut stopped. The
 * kiosk's start, and the recovery and no-space screens once they are done,
 * come here. */
#include "core/catalog.h"
#include "core/log.h"
#include "svc/gate.h"
#include "svc/run.h"
#include "svc/session.h"
#include "ui/screens.h"

static bool needs_setup(Store *s)
{
    GateState st;
    char names[1][GROUP_NAME_SIZE];
    return gate_state(s, &st) == GATE_NOT_SET && group_list(s, names, 1, 0) == 0;
}

/* After a crash or a power cut: the open session's exercise that never
 * ended comes back on its step, without anyone re-entering anything. */
void screens_resume_exercise(App *app)
{
    SessionInfo sess;
    RunInfo run;
    if (session_current(app->store, &sess) != STORE_OK ||
        run_unfinished(app->store, sess.id, &run) != STORE_OK || !app->catalog)
        return;
    const Exercise *ex = catalog_exercise(app->catalog, run.exercise);
    if (!ex) {
        /* the file went away meanwhile: close the run rather than hang on */
        run_end(app->store, run.id, false, run.steps_skipped, app->wall);
        return;
    }
    log_info("resuming %s at step %d after a restart", run.exercise, run.step + 1);
    Screen *s = player_screen_new(app, ex, false, run.step, run.id);
    player_screen_set_skipped(s, run.steps_skipped);
    app_push(app, s);
}

/* The door, and the first start's setup over it. Nothing here writes. */
void screens_start_door(App *app)
{
    app_push(app, door_screen_new(app));
    if (needs_setup(app->store))
        app_push(app, setup_screen_new(app));
}

void screens_start(App *app)
{
    screens_start_door(app);
    if (!app_find(app, &setup_screen_class))
        screens_resume_exercise(app);
}
