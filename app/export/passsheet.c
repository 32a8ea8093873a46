#include "export/passsheet.h"

#include "core/i18n.h"
#include "export/pdfout.h"
#include "store/store_output.h"

#include <cairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT_PER_MM (72.0 / 25.4)
#define CARD_W (85.6 * PT_PER_MM)
#define CARD_H (53.98 * PT_PER_MM)

static bool draw_qr(cairo_t *cr, const char *text, double x, double y, double side)
{
    /* Alphanumeric mode (the payload is upper-case letters and digits) and
     * error correction M: survives a crease or a scratched phone screen. */
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return false;
    int modules = qr->width + 8; /* four modules of quiet zone each side */
    double m = side / modules;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_rectangle(cr, x, y, side, side);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    for (int r = 0; r < qr->width; r++)
        for (int c = 0; c < qr->width; c++)
            if (qr->data[r * qr->width + c] & 1)
                cairo_rectangle(cr, x + (c + 4) * m, y + (r + 4) * m, m, m);
    cairo_fill(cr);
    QRcode_free(qr);
    return true;
}

/* The smallest type on a card: 8 pt, what a print shop calls the least
 * for fine print people are meant to read. */
#define MIN_PT 8.0

static void set_font(cairo_t *cr, double size, bool bold)
{
    cairo_select_font_face(cr, "Inter", CAIRO_FONT_SLANT_NORMAL,
                           bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, size);
}

static double text_width(cairo_t *cr, const char *s)
{
    cairo_text_extents_t ext;
    cairo_text_extents(cr, s, &ext);
    return ext.x_advance;
}

/* Draws text from (x, baseline y) wrapped at spaces into lines no wider
 * than max_w, each line_h below the one before; returns the baseline after
 * the last line. The size stays as given (at least MIN_PT), so a narrow
 * card gets more lines, never smaller type. */
static double text_wrap(cairo_t *cr, const char *s, double x, double y, double size, bool bold,
                        double max_w, double line_h)
{
    set_font(cr, size < MIN_PT ? MIN_PT : size, bold);
    char line[160] = "";
    const char *p = s;
    while (*p) {
        size_t word = strcspn(p, " ");
        char next[160];
        snprintf(next, sizeof next, "%s%s%.*s", line, line[0] ? " " : "", (int)word, p);
        if (line[0] && text_width(cr, next) > max_w) {
            cairo_move_to(cr, x, y);
            cairo_show_text(cr, line);
            y += line_h;
            snprintf(line, sizeof line, "%.*s", (int)word, p);
        } else {
            snprintf(line, sizeof line, "%s", next);
        }
        p += word;
        while (*p == ' ')
            p++;
    }
    if (line[0]) {
        cairo_move_to(cr, x, y);
        cairo_show_text(cr, line);
        y += line_h;
    }
    return y;
}

/* One line of text; a size that does not fit max_w is made smaller, down
 * to MIN_PT and no further. */
static void text_line(cairo_t *cr, const char *s, double x, double y, double size, bool bold,
                      double max_w)
{
    set_font(cr, size, bold);
    double w = text_width(cr, s);
    if (w > max_w && w > 0) {
        double fit = size * max_w / w;
        set_font(cr, fit < MIN_PT ? MIN_PT : fit, bold);
    }
    cairo_move_to(cr, x, y);
    cairo_show_text(cr, s);
}

static bool draw_card(cairo_t *cr, const PassCard *card, double x, double y)
{
    /* cut line */
    cairo_save(cr);
    cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(cr, 0.5);
    double dash[] = {3, 3};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_rectangle(cr, x, y, CARD_W, CARD_H);
    cairo_stroke(cr);
    cairo_restore(cr);

    /* The QR code on the left (about 37 mm, its modules over 1 mm: a
     * phone or a scanner reads it at arm's length), the pass's pseudonym
     * small under it: what staff see, so a lost card can be revoked by
     * it; the words on the right. */
    double pad = 4 * PT_PER_MM;
    double qr_side = 37 * PT_PER_MM;
    double qx = x + pad * 0.5, qy = y + pad * 0.75;
    if (!draw_qr(cr, card->payload, qx, qy, qr_side))
        return false;
    if (card->pseudonym) {
        cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
        set_font(cr, MIN_PT, false);
        double w = text_width(cr, card->pseudonym);
        cairo_move_to(cr, qx + (qr_side - w) / 2, qy + qr_side + 1.5 + MIN_PT);
        cairo_show_text(cr, card->pseudonym);
    }
    double tx = qx + qr_side + pad * 0.25;
    double tw = x + CARD_W - pad * 0.6 - tx;
    double line = MIN_PT * 1.2;
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    text_line(cr, "Hearth", tx, y + pad + 10, 11, true, tw);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    double at = text_wrap(cr, "Group check-in pass", tx, y + pad + 10 + line + 1, MIN_PT, false,
                          tw, line);
    text_wrap(cr, "Pase de entrada al grupo", tx, at, MIN_PT, false, tw, line);

    /* The code in two lines of two groups, large enough to read easily. */
    char line1[16] = "", line2[16] = "";
    snprintf(line1, sizeof line1, "%.9s", card->code);
    snprintf(line2, sizeof line2, "%s", strlen(card->code) > 10 ? card->code + 10 : "");
    cairo_set_source_rgb(cr, 0, 0, 0);
    text_line(cr, line1, tx, y + CARD_H / 2 + 6, 12.5, true, tw);
    text_line(cr, line2, tx, y + CARD_H / 2 + 21, 12.5, true, tw);

    /* How to use it, in English and Spanish, up from the bottom edge. */
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    /* broken where a reader pauses, rather than wherever the line is full */
    static const char *const how[] = {"Scan it at the door,", "or type the code.",
                                      "Escan\xC3\xA9" "alo en la puerta",
                                      "o escribe el c\xC3\xB3" "digo."};
    double at_how = y + CARD_H / 2 + 21 + line * 1.4;
    for (int i = 0; i < 4; i++)
        at_how = text_wrap(cr, how[i], tx, at_how + (i == 2 ? line * 0.25 : 0), MIN_PT, false,
                           tw, line);
    return true;
}

bool passsheet_write_pdf(FILE *out, const PassCard *cards, int n, PaperSize paper, char *err,
                         size_t errlen)
{
    double pw = paper == PAPER_A4 ? 210 * PT_PER_MM : 8.5 * 72;
    double ph = paper == PAPER_A4 ? 297 * PT_PER_MM : 11 * 72;
    cairo_surface_t *surf = pdfout_surface(out, pw, ph, "Hearth passes");
    if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, _("Cannot write the PDF: %s."),
                 cairo_status_to_string(cairo_surface_status(surf)));
        cairo_surface_destroy(surf);
        return false;
    }
    cairo_t *cr = cairo_create(surf);
    /* Letter keeps wide margins (4 rows) for printers that cannot reach the
     * edge; A4 is tall enough for 5. */
    const int cols = 2, rows = paper == PAPER_A4 ? 5 : 4, per_page = cols * rows;
    double x0 = (pw - cols * CARD_W) / 2, y0 = (ph - rows * CARD_H) / 2;
    bool ok = true;
    for (int i = 0; i < n && ok; i++) {
        int slot = i % per_page;
        if (i > 0 && slot == 0)
            cairo_show_page(cr);
        ok = draw_card(cr, &cards[i], x0 + (slot % cols) * CARD_W, y0 + (slot / cols) * CARD_H);
    }
    cairo_show_page(cr);
    cairo_status_t st = cairo_status(cr);
    cairo_destroy(cr);
    cairo_status_t fin = pdfout_finish(surf);
    if (st == CAIRO_STATUS_SUCCESS)
        st = fin;
    if (!ok) {
        snprintf(err, errlen, "%s", _("A pass could not be encoded as a QR code."));
        return false;
    }
    if (st != CAIRO_STATUS_SUCCESS) {
        snprintf(err, errlen, _("Cannot write the PDF: %s."), cairo_status_to_string(st));
        return false;
    }
    return true;
}

/* The steps of passsheet_issue; *stored is set when passes stay stored
 * after a failure (they could not be taken back). */
static StoreResult issue_printed(Store *store, PassIssue *issue, const char *path,
                                 PaperSize paper, int64_t wall_ms, bool *stored, char *err,
                                 size_t errlen)
{
    /* 1. the sheet, written whole to a temporary file and synced; nothing
     *    is stored if this fails (a missing folder, the database named as
     *    the target, a full disk) */
    StoreOutput *file;
    StoreResult r = store_output_begin(path, store_path(store), &file, err, errlen);
    if (r != STORE_OK)
        return r;
    PassCard *cards = calloc((size_t)issue->n, sizeof *cards);
    FILE *out = store_output_stream(file);
    if (!cards || !out) {
        free(cards);
        store_output_abort(file);
        snprintf(err, errlen, "%s", _("Out of memory."));
        return STORE_NOMEM;
    }
    for (int i = 0; i < issue->n; i++) {
        cards[i].payload = issue->payloads[i];
        cards[i].code = issue->codes[i];
        cards[i].pseudonym = issue->pseudonyms[i];
    }
    bool drawn = passsheet_write_pdf(out, cards, issue->n, paper, err, errlen);
    free(cards);
    r = store_output_sync(file, err, errlen);
    if (!drawn || r != STORE_OK) {
        store_output_abort(file);
        return r == STORE_OK ? STORE_ERROR : r;
    }
    /* 2. the passes, with their audit row, in one transaction */
    char detail[80];
    snprintf(detail, sizeof detail, "%d passes, printed to PDF", issue->n);
    r = issue_store(store, issue, wall_ms, detail);
    if (r != STORE_OK) {
        store_output_abort(file);
        snprintf(err, errlen, "%s", store_error(store));
        return r;
    }
    /* 3. the sheet in place; should that fail, nobody holds these passes:
     *    they are taken back */
    r = store_output_commit(file, err, errlen);
    if (r != STORE_OK) {
        snprintf(detail, sizeof detail, "%d passes: their sheet could not be written",
                 issue->n);
        if (issue_unstore(store, issue, wall_ms, detail) != STORE_OK) {
            size_t used = strlen(err);
            snprintf(err + used, errlen - used,
                     _(" The passes it held could not be taken back (%s): revoke them by "
                       "pseudonym with 'hearth pass revoke'."),
                     store_error(store));
            *stored = true;
        }
    }
    return r;
}

StoreResult passsheet_issue(Store *store, PassIssue *issue, const char *path, PaperSize paper,
                            int64_t wall_ms, char *err, size_t errlen)
{
    bool stored = false;
    StoreResult r = issue_printed(store, issue, path, paper, wall_ms, &stored, err, errlen);
    if (r != STORE_OK && !stored) {
        size_t used = strlen(err);
        snprintf(err + used, errlen - used, " %s", _("No pass was issued."));
    }
    return r;
}
