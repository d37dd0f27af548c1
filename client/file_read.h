/* file_read.h — a whole regular file into memory, for the commands that
 * send or check one (attachments, edXML packages, signed records). */
#ifndef CONGVU_FILE_READ_H
#define CONGVU_FILE_READ_H

#include <stddef.h>

/* The whole of regular file path into *buf (malloc'd, caller frees; one
 * byte more than *len, not terminated) and its size into *len. 0, or -1
 * with errno set (EINVAL: not a regular file) and *buf NULL. */
int file_read(const char *path, unsigned char **buf, size_t *len);

#endif
