/* fuzz_proto.c — libFuzzer target for the wire decoder (shared/proto.c):
 * any bytes go to proto_decode; a frame it accepts must survive the schema
 * check and re-encode, and decoding the re-encoded frame must give the same
 * value (a codec that disagrees with itself aborts). */
#include <stdint.h>
#include <stdlib.h>

#include "proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Decode data; when accepted, check it against its message's schema and
 * round-trip it through proto_encode. Aborts on any inconsistency. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	proto_frame_t f, g;
	const proto_def_t *def;
	const char *bad = NULL;
	size_t len = 0;
	void *buf;

	if (proto_decode(data, size, &f) != E_OK)
		return 0;
	if (!json_is_object(f.body))
		abort(); /* the decoder promises a map body */
	if ((def = proto_def(f.type)) != NULL)
		(void)proto_check(def, f.body, &bad);
	/* NFC may lengthen strings, so a frame near the limit may not re-encode;
	 * anything that does must decode back to the same value. */
	buf = proto_encode(f.kind, f.type, f.id, f.body, &len);
	if (buf) {
		if (proto_decode(buf, len, &g) != E_OK || g.kind != f.kind || g.type != f.type || g.id != f.id ||
		    !json_equal(g.body, f.body))
			abort();
		proto_frame_clear(&g);
		free(buf);
	}
	proto_frame_clear(&f);
	return 0;
}
