/* The session plan as the console, the plan screen and the player show it. */
#ifndef HEARTH_UI_PLAN_H
#define HEARTH_UI_PLAN_H

#include "core/model.h"
#include "core/plan.h"
#include "ui/app.h"

/* The open session's plan and where it stands at app->wall; false when the
 * session follows no plan (or its plan left the data folder). */
bool plan_session_position(App *app, const SessionInfo *sess, const Plan **plan,
                           PlanPosition *pos);

/* What the current block offers to start (its exercise, or its rating
 * round) as a button label; false when it offers nothing or is done. */
bool plan_block_action(App *app, const PlanPosition *pos, char *label, size_t n);
/* Starts it: the exercise's page, or the round. */
void plan_block_run(App *app, const PlanBlock *block);

/* A wall time as the local clock reads it, the way the language writes it. */
void plan_format_clock(int64_t wall_ms, char *out, size_t n);
/* "6 of 10 min", "12 min, over its 10", or "done, 12 min". */
void plan_format_minutes(const PlanPosition *pos, char *out, size_t n);
/* "Block 4 of 11 · 6 of 10 min", and with_end "· the session ends about
 * 12:05". */
void plan_format_status(const PlanPosition *pos, const Plan *plan, bool with_end, char *out,
                        size_t n);

/* The plan screen: choose today's plan, see and set the current block. */
Screen *plan_screen_new(App *app);
extern const ScreenClass plan_screen_class;

#endif
