/* restore.h — the commands a province's operator runs around the data,
 * not in it: `congvud restore FILE DIR` and `congvud upgrade DIR`. Each
 * returns a sysexits status. */
#ifndef CONGVU_RESTORE_H
#define CONGVU_RESTORE_H

int server_restore(int argc, char **argv);
int server_upgrade(int argc, char **argv);

#endif
