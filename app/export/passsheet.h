/* Printable sheets of wallet-size pass cards (PDF, drawn with cairo). */
#ifndef HEARTH_PASSSHEET_H
#define HEARTH_PASSSHEET_H

#include "svc/issue.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct PassCard {
    const char *payload; /* what the QR holds: HRT1... */
    const char *code;    /* the short code printed under it: XXXX-XXXX-XXXX-XXXX */
    const char *pseudonym; /* printed small: how staff find a lost card (may be NULL) */
} PassCard;

typedef enum PaperSize { PAPER_LETTER, PAPER_A4 } PaperSize;

/* Draws n cards as a PDF into out: credit-card-size cards (85.6 x 54 mm),
 * eight per Letter page or ten per A4 page, with cut lines, each with its
 * QR code, its short code, its pseudonym (what staff see, to revoke a lost
 * card), and how to use it in English and Spanish; no type under 8 pt. No
 * name field, nothing that identifies a person. False with a
 * sentence in err. */
bool passsheet_write_pdf(FILE *out, const PassCard *cards, int n, PaperSize paper, char *err,
                         size_t errlen);

/* Issues the drawn passes (svc/issue.h) printed on a sheet at path, so that
 * they are stored only if the sheet is written: the sheet goes whole to a
 * temporary file and is synced (store/store_output.h: never over the
 * database, never into a device or a folder), then the passes and their
 * audit row are committed, then the sheet is renamed into place; should
 * that last step fail, the passes are taken back. STORE_OK, or an error
 * with a sentence in err and nothing stored. */
StoreResult passsheet_issue(Store *store, PassIssue *issue, const char *path, PaperSize paper,
                            int64_t wall_ms, char *err, size_t errlen);

#endif
