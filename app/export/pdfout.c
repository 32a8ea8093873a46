#include "export/pdfout.h"

#include <cairo-pdf.h>

static cairo_status_t write_stream(void *closure, const unsigned char *data, unsigned int n)
{
    return fwrite(data, 1, n, closure) == n ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

cairo_surface_t *pdfout_surface(FILE *out, double w, double h, const char *title)
{
    cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(write_stream, out, w, h);
    if (cairo_surface_status(surf) == CAIRO_STATUS_SUCCESS) {
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
        cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATOR, "Hearth");
    }
    return surf;
}

cairo_status_t pdfout_finish(cairo_surface_t *surf)
{
    cairo_surface_finish(surf);
    cairo_status_t st = cairo_surface_status(surf);
    cairo_surface_destroy(surf);
    return st;
}
