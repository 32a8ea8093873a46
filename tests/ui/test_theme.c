/* Accessibility of the default theme: every text colour on every surface it
 * is drawn on has a contrast of at least 7:1 (WCAG AAA). */
#include "testkit.h"

#include "ui/theme.h"

#include <stdio.h>

static void test_contrast_is_aaa(void **state)
{
    (void)state;
    Theme t;
    theme_default(&t);
    ThemePair pairs[32];
    int n = theme_text_pairs(&t, pairs, 32);
    assert_true(n >= 10);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        double c = theme_contrast(pairs[i].fg, pairs[i].bg);
        printf("%-26s %5.2f:1\n", pairs[i].name, c);
        if (c < 7.0) {
            fprintf(stderr, "%s: %.2f:1, under 7:1\n", pairs[i].name, c);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

static void test_contrast_formula(void **state)
{
    (void)state;
    SDL_Color black = {0, 0, 0, 255}, white = {255, 255, 255, 255}, grey = {119, 119, 119, 255};
    assert_true(theme_contrast(black, white) > 20.99 && theme_contrast(black, white) < 21.01);
    assert_true(theme_contrast(white, white) < 1.0001);
    /* #777 on white is the classic 4.48:1 */
    double c = theme_contrast(grey, white);
    assert_true(c > 4.47 && c < 4.49);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_contrast_is_aaa),
        cmocka_unit_test(test_contrast_formula),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
