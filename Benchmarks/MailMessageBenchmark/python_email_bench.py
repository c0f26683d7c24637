#!/usr/bin/env python3
"""The same measurements with Python's `email` package, for comparison.

structure parse: email.message_from_bytes (compat32 policy, the fast default) over every message.
parse + BODYSTRUCTURE: the same, then a walk producing a BODYSTRUCTURE-like string per part
(type, subtype, params, id, description, encoding, size in bytes, lines for text) the way an IMAP
server written with `email` would.
Usage: python_email_bench.py DIR [ITERATIONS]
"""
import os, sys, time, email
from email import policy

directory = sys.argv[1]
iterations = int(sys.argv[2]) if len(sys.argv) > 2 else 3
messages = []
for name in sorted(os.listdir(directory)):
    with open(os.path.join(directory, name), "rb") as f:
        messages.append(f.read())
total = sum(len(m) for m in messages)
print("messages: %d, bytes: %d (%.1f MB)" % (len(messages), total, total / 1e6))

def q(s):
    return "NIL" if s is None else '"%s"' % str(s).replace("\\", "\\\\").replace('"', '\\"')

def structure(part):
    if part.is_multipart():
        return "(" + "".join(structure(p) for p in part.get_payload()) + " " + q(part.get_content_subtype()) + ")"
    payload = part.get_payload(decode=False)
    raw = payload.encode("utf-8", "surrogateescape") if isinstance(payload, str) else b""
    params = " ".join("%s %s" % (q(k), q(v)) for k, v in (part.get_params() or [])[1:])
    s = "(%s %s (%s) %s %s %s %d" % (q(part.get_content_maintype()), q(part.get_content_subtype()), params,
                                      q(part.get("Content-ID")), q(part.get("Content-Description")),
                                      q(part.get("Content-Transfer-Encoding", "7bit")), len(raw))
    if part.get_content_maintype() == "text":
        s += " %d" % raw.count(b"\n")
    return s + ")"

def run(label, fn):
    best = float("inf")
    for _ in range(iterations):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    print("%s: %.3f s, %.0f MB/s, %.0f messages/s" % (label, best, total / 1e6 / best, len(messages) / best))

run("python email: structure parse", lambda: [email.message_from_bytes(m, policy=policy.compat32) for m in messages])
run("python email: parse + BODYSTRUCTURE-like walk",
    lambda: [structure(email.message_from_bytes(m, policy=policy.compat32)) for m in messages])
