/* Printable sheets of wallet-size pass cards (PDF, drawn with cairo). */
#ifndef HEARTH_PASSSHEET_H
#define HEARTH_PASSSHEET_H

#include <stdbool.h>
#include <stddef.h>

typedef struct PassCard {
    const char *payload; /* what the QR holds: HRT1... */
    const char *code;    /* the short code printed under it: XXXX-XXXX-XXXX-XXXX */
} PassCard;

typedef enum PaperSize { PAPER_LETTER, PAPER_A4 } PaperSize;

/* Writes n cards to a PDF at path: credit-card-size cards (85.6 x 54 mm),
 * eight per Letter page or ten per A4 page, with cut lines, each with its QR code, its short code, and one
 * line on how to use it in English and Spanish. No name field, nothing that
 * identifies a person. False with a sentence in err. */
bool passsheet_write_pdf(const char *path, const PassCard *cards, int n, PaperSize paper,
                         char *err, size_t errlen);

#endif
