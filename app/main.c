/* Hearth: a calm kiosk for group therapy sessions. */
#include "cli.h"

int main(int argc, char **argv) { return cli_main(argc, argv); }
