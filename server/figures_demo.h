/* figures_demo.h — demo socio-economic figures (forms/demo/figures.json)
 * as the requests that enter them. */
#ifndef CONGVU_FIGURES_DEMO_H
#define CONGVU_FIGURES_DEMO_H

#include <jansson.h>
#include <stdint.h>

/* The requests, in order, as [[message id, body], ...] for the console to
 * run at time now (the figures end with the last period closed then).
 * NULL (reported on stderr) when the file cannot be read. New reference. */
json_t *figures_demo(const char *file, int64_t now);

#endif
