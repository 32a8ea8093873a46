/* cairo's PDF surfaces writing into a stdio stream, so cairo never opens a
 * file by name: the stream is a store_output temporary (store/store_output.h),
 * which decides where the bytes may go. */
#ifndef HEARTH_PDFOUT_H
#define HEARTH_PDFOUT_H

#include <cairo.h>
#include <stdio.h>

/* A PDF surface of w by h points writing to out, titled title, made by
 * Hearth. Check cairo_surface_status() before drawing. */
cairo_surface_t *pdfout_surface(FILE *out, double w, double h, const char *title);

/* Finishes and destroys the surface: CAIRO_STATUS_SUCCESS when the whole
 * document reached the stream. */
cairo_status_t pdfout_finish(cairo_surface_t *surf);

#endif
