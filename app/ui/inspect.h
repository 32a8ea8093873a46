/* What the UI tests read of a screen to assert on what a person sees. The
 * kiosk's own code never calls these; they live apart from screens.h so
 * that a screen's interface is what the kiosk uses. (The door, player and
 * round screens' accessors are still in screens.h until those screens are
 * reworked.) */
#ifndef HEARTH_UI_INSPECT_H
#define HEARTH_UI_INSPECT_H

#include "ui/screens.h"

/* The texts the exercise's page last drew. */
const TextLog *exercise_screen_texts(const Screen *s);

/* The trends screen: the group and period shown, the model drawn, where
 * session i of the group is drawn for a phase (a withheld one at
 * mid-scale), and the plot's rectangle. */
struct Report;
const char *trends_group(const Screen *s);
int trends_period_weeks(const Screen *s);
const struct Report *trends_report(const Screen *s);
bool trends_point(App *app, const Screen *s, int i, RatingPhase phase, SDL_Point *out);
SDL_Rect trends_plot_rect(App *app, const Screen *s);
/* The trends screen's last message (what an export wrote, or why not). */
const char *trends_message(const Screen *s);

#endif
