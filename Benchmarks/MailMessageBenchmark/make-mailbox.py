#!/usr/bin/env python3
"""Generates the benchmark mailbox: N messages (default 1200), one file each, deterministic.

The mix imitates a real inbox: plain and HTML newsletters, multipart/alternative replies, mails with
1-3 base64 attachments (PDF-like, images, office documents, 20 KB - 1.5 MB), forwarded
message/rfc822 with attachments, quoted-printable text in several charsets, long Received chains.
Usage: make-mailbox.py OUTDIR [N]
"""
import os, random, sys
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email import policy
from email.utils import formataddr

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 1200
rng = random.Random(20261129)
os.makedirs(out, exist_ok=True)
words = ("the quick brown fox jumps over lazy dog mail server message index folder quota report meeting "
         "schedule invoice attached please find regards thanks tomorrow project release notes").split()
names = ["Alice Example", "Bob Smith", "Carol Jürgens", "Dmitri Ivanov", "Eve Müller", "Frank O'Neil", "Grace Hopper"]

def text(n):
    lines = []
    for _ in range(n):
        lines.append(" ".join(rng.choice(words) for _ in range(rng.randint(6, 14))))
    return "\n".join(lines) + "\n"

def blob(size):
    return bytes(rng.getrandbits(8) for _ in range(min(size, 4096))) * (size // 4096 + 1)

def headers(m, i):
    m["Received"] = "from mx%d.example.net (mx%d.example.net [192.0.2.%d]) by mail.example.org with ESMTPS id %08X for <user@example.org>; Mon, 2 Mar 2020 12:%02d:00 +0100" % (i % 7, i % 7, i % 250, i, i % 60)
    m["Received"] = "from client.example.net by mx.example.net with ESMTPSA; Mon, 2 Mar 2020 12:%02d:00 +0100" % (i % 60)
    m["From"] = formataddr((rng.choice(names), "user%d@example.net" % (i % 50)))
    m["To"] = "User <user@example.org>, team@example.org"
    if i % 3 == 0:
        m["Cc"] = formataddr((rng.choice(names), "cc%d@example.com" % i))
    m["Subject"] = ("Re: " if i % 4 == 0 else "") + " ".join(rng.choice(words) for _ in range(5))
    m["Date"] = "Mon, 2 Mar 2020 12:%02d:%02d +0100" % (i % 60, i % 60)
    m["Message-ID"] = "<msg%d@example.net>" % i
    if i % 4 == 0:
        m["In-Reply-To"] = "<msg%d@example.net>" % (i - 1)
        m["References"] = "<msg%d@example.net> <msg%d@example.net>" % (i - 2, i - 1)

for i in range(count):
    kind = i % 10
    if kind in (0, 1, 2):
        m = MIMEText(text(rng.randint(5, 60)), "plain", rng.choice(["utf-8", "iso-8859-1", "us-ascii"]))
    elif kind in (3, 4):
        m = MIMEMultipart("alternative")
        body = text(rng.randint(10, 80))
        m.attach(MIMEText(body, "plain", "utf-8"))
        m.attach(MIMEText("<html><body><p>" + body.replace("\n", "</p><p>") + "</p></body></html>", "html", "utf-8"))
    elif kind in (5, 6, 7, 8):
        m = MIMEMultipart("mixed")
        alt = MIMEMultipart("alternative")
        body = text(rng.randint(5, 40))
        alt.attach(MIMEText(body, "plain", "utf-8"))
        alt.attach(MIMEText("<p>" + body + "</p>", "html", "utf-8"))
        m.attach(alt)
        for a in range(rng.randint(1, 3)):
            size = int(rng.choice([20, 60, 150, 400, 1500]) * 1000 * rng.uniform(0.5, 1.0))
            if a % 2 == 0:
                part = MIMEApplication(blob(size), "pdf")
                part.add_header("Content-Disposition", "attachment", filename="report-%d-%d.pdf" % (i, a))
            else:
                part = MIMEImage(blob(size), "jpeg")
                part.add_header("Content-Disposition", "inline", filename="photo-%d.jpg" % a)
                part.add_header("Content-ID", "<img%d.%d@example.net>" % (i, a))
            m.attach(part)
    else:
        m = MIMEMultipart("mixed")
        m.attach(MIMEText("Forwarding this.\n" + text(3), "plain", "utf-8"))
        inner = MIMEMultipart("mixed")
        headers(inner, i + 100000)
        inner.attach(MIMEText(text(20), "plain", "utf-8"))
        att = MIMEApplication(blob(80000), "octet-stream")
        att.add_header("Content-Disposition", "attachment", filename="data.bin")
        inner.attach(att)
        m.attach(MIMEMessage(inner))
    headers(m, i)
    with open(os.path.join(out, "%05d.eml" % i), "wb") as f:
        f.write(m.as_bytes(policy=policy.SMTP))
print("wrote", count, "messages to", out)
