/* core/names: a group name typed a little differently from an existing one
 * (case, spacing, a letter or two) is a near miss; a different group is not. */
#include "testkit.h"

#include "core/names.h"

#include <string.h>

static void test_case_and_spacing_are_no_distance(void **state)
{
    (void)state;
    assert_int_equal(names_distance("DBT Skills - Tue AM", "dbt skills - tue am"), 0);
    assert_int_equal(names_distance("DBT Skills - Tue AM", "DBT  Skills -  Tue AM "), 0);
    assert_int_equal(names_distance("DBT Skills", "DBTSkills"), 0);
    /* a no-break space and a tab are spaces too */
    assert_int_equal(names_distance("DBT\xC2\xA0Skills", "DBT\tSkills"), 0);
    /* capitals with accents fold as the plain letters do */
    assert_int_equal(names_distance("SESI\xC3\x93N DE LA MA\xC3\x91" "ANA",
                                    "Sesi\xC3\xB3n de la ma\xC3\xB1" "ana"),
                     0);
    assert_true(names_near_miss("DBT Skills - Tue AM", "dbt skills - tue am"));
    assert_true(names_near_miss("DBT Skills - Tue AM", "DBT Skills -Tue AM"));
}

static void test_a_letter_or_two(void **state)
{
    (void)state;
    assert_int_equal(names_distance("DBT Skills - Tue AM", "DBT Skils - Tue AM"), 1);
    assert_int_equal(names_distance("DBT Skills - Tue AM", "DBT Sklils - Tue AM"), 1); /* swap */
    assert_int_equal(names_distance("DBT Skills - Tue AM", "DBT Skills - Tue AMM"), 1);
    assert_int_equal(names_distance("DBT Skills - Tue AM", "DBT Skills - Thu AM"), 2);
    assert_int_equal(names_distance("Relapse prevention", "Relapse prevension"), 1);
    /* an accent left out is one letter */
    assert_int_equal(names_distance("Sesi\xC3\xB3n", "Sesion"), 1);
    assert_true(names_near_miss("DBT Skills - Tue AM", "DBT Skils - Tue AM"));
    assert_true(names_near_miss("DBT Skills - Tue AM", "dbt skills - thu am"));
    assert_true(names_near_miss("Relapse prevention", "relapse prevension"));
    /* short names: one letter only */
    assert_true(names_near_miss("CBT A", "CBT B"));
    assert_false(names_near_miss("CBT A", "DBT B"));
}

static void test_different_groups_are_not_near(void **state)
{
    (void)state;
    assert_false(names_near_miss("DBT Skills - Tue AM", "DBT Skills - Tue AM")); /* the same */
    assert_false(names_near_miss("DBT Skills - Tue AM", "Relapse prevention"));
    assert_false(names_near_miss("DBT Skills - Tue AM", "DBT Skills - Wed PM"));
    assert_false(names_near_miss("Women's group", "Men's group - Mon"));
    assert_true(names_distance("abc", "xyz") == 3);
    assert_int_equal(names_distance("", "abc"), 3);
}

static void test_malformed_and_long_names(void **state)
{
    (void)state;
    /* a stray byte or an overlong name is never "near" anything */
    assert_false(names_near_miss("DBT Skills", "DBT Skills\xff"));
    assert_true(names_distance("DBT Skills", "DBT Skills\xff") > 2);
    char longer[300];
    memset(longer, 'a', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    assert_false(names_near_miss(longer, longer + 1));
    /* the longest names still compare */
    char a[129], b[129];
    memset(a, 'x', 128);
    a[128] = '\0';
    memcpy(b, a, sizeof b);
    b[0] = 'y';
    assert_int_equal(names_distance(a, b), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_case_and_spacing_are_no_distance),
        cmocka_unit_test(test_a_letter_or_two),
        cmocka_unit_test(test_different_groups_are_not_near),
        cmocka_unit_test(test_malformed_and_long_names),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
