/* F1: help for the screen below, generated from the key table. */
#ifndef STATION_UI_HELP_H
#define STATION_UI_HELP_H

struct screen;

void help_push(struct screen *below);

#endif
