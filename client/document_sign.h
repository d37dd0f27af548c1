/* document_sign.h — signing an outgoing document's review, approval or
 * issue on this device (issue 15; shared/document_sig.h), the one code
 * both the command line (document_cli.c) and the full-screen UI use: the
 * official's secret key is kept in the configuration directory as
 * sign-USER.key (base64 of libsodium's 64-byte Ed25519 secret key),
 * readable by its owner only. */
#ifndef CONGVU_DOCUMENT_SIGN_H
#define CONGVU_DOCUMENT_SIGN_H

#include <jansson.h>
#include <stddef.h>

#include "proto.h"

/* What document_sign_body made of it. */
enum {
	DOCSIGN_OK = 0,
	DOCSIGN_NO_KEY = -1,   /* this device has no key of the official */
	DOCSIGN_EXPOSED = -2,  /* the key file is readable by others */
	DOCSIGN_FAILED = -3,   /* the payload could not be built or signed */
};

/* The path of user's key file on this device into path: 0, or -1. */
int document_key_path(const char *user, char *path, size_t n);

/* Load the secret key at path: 0, -1 none (or unreadable), -2 readable
 * by others. */
int document_key_load(const char *path, unsigned char sk[64]);

/* The act a signed request of type makes: "review", "approve", "issue";
 * NULL for another type. */
const char *document_sign_act(proto_msg_t type);

/* Sign type (document.review, .approve or .issue) as user over the
 * document as view (document.view's reply) shows it — an issue for the
 * number view says it would draw now (`next`) — with sk: key and
 * signature (and the number signed for) added to body. DOCSIGN_*. */
int document_sign_with(const unsigned char sk[64], const char *user, proto_msg_t type, const json_t *view,
                       json_t *body);

/* The same with user's key on this device, loaded and wiped here. */
int document_sign_body(const char *user, proto_msg_t type, const json_t *view, json_t *body);

#endif
