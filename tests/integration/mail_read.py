#!/usr/bin/env python3
"""tests/integration/mail_read.py FILE.eml — a received mail as the test
checks it: the envelope recipient, the decoded subject, the Content-Type's
charset and transfer encoding, then the decoded body (UTF-8)."""
import email
import email.header
import email.policy
import sys

raw = open(sys.argv[1], "rb").read()
m = email.message_from_bytes(raw, policy=email.policy.default)
print("To:", m["X-Envelope-To"])
print("Subject:", str(email.header.make_header(email.header.decode_header(m.get("Subject", "", )))))
print("Charset:", m.get_content_charset())
print("Encoding:", m["Content-Transfer-Encoding"])
print("Raw-Subject-Encoded:", "yes" if b"Subject: =?UTF-8?B?" in raw else "no")
print()
print(m.get_content())
