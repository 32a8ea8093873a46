/* The type scale: six roles (TypeRole, text.h), each one size on a view.
 *
 * A role's size follows the screen: a share of the view's shorter side
 * (so a TV and a tablet look alike), never less than the role's minimum
 * in millimetres on the real screen (from the display's DPI; with none
 * reported, the kiosk assumes a 7-inch screen, widget_px_per_mm), then
 * multiplied by the text-size setting (100, 125 or 150 %). So every role
 * grows with the setting and none ever shrinks to fit: a screen whose
 * content does not fit reflows, pages or scrolls instead. Every text of a
 * role on a view has the same size. */
#ifndef HEARTH_TYPE_H
#define HEARTH_TYPE_H

#include "ui/app.h"

/* The role's name ("caption", "body"...), for messages and the README. */
const char *type_role_name(TypeRole role);

/* The role's smallest size in millimetres (the font's em) at 100 %. */
float type_min_mm(TypeRole role);

/* The role's size in pixels at a text size (percent) on v, and at the
 * app's setting. */
int type_px_at(const View *v, TypeRole role, int scale);
int type_px(const App *app, const View *v, TypeRole role);

/* The role's minimum in pixels on v at a text size: its minimum in
 * millimetres at that scale. Every drawn text of the role is at least
 * this (the measuring test checks it). */
int type_min_px(const View *v, TypeRole role, int scale);

/* A style for role on v: its size and usual weight (bold for labels,
 * titles, numerals and display), in colour c, aligned a. */
TextStyle type_style(const App *app, const View *v, TypeRole role, SDL_Color c, TextAlign a);

/* The distance between two lines of role. */
int type_line_h(const App *app, const View *v, TypeRole role);

/* The height of text in role wrapped at width. */
int type_height(const App *app, View *v, TypeRole role, const char *text, int width);

/* The padding inside buttons and cards: from the label role's size, so a
 * label never touches its edge at any text size. */
int ui_pad(const App *app, const View *v);
#endif
