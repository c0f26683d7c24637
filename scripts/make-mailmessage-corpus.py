#!/usr/bin/env python3
"""Writes the MailMessage test corpus (Tests/MailMessageCorpus/*.eml).

Each message is built here byte for byte so that line ends, NULs and 8-bit
bytes are exact. The corpus README describes where each one comes from.
Run from the repository root: python3 scripts/make-mailmessage-corpus.py
"""
import os, sys, base64
from email.message import EmailMessage
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.mime.application import MIMEApplication
from email.mime.image import MIMEImage
from email.mime.message import MIMEMessage
from email import policy

OUT = os.path.join("Tests", "MailMessageCorpus")
msgs = {}

def crlf(s):
    return s.replace("\r\n", "\n").replace("\n", "\r\n").encode("latin-1")

def lf(s):
    return s.replace("\r\n", "\n").encode("latin-1")

# --- RFC examples -----------------------------------------------------------
msgs["rfc5322-a1-1-simple"] = crlf("""From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, "Hello".
""")
msgs["rfc5322-a1-2-different-types"] = crlf("""From: "Joe Q. Public" <john.q.public@example.com>
To: Mary Smith <mary@x.test>, jdoe@example.org, Who? <one@y.test>
Cc: <boss@nil.test>, "Giant; \\"Big\\" Box" <sysservices@example.net>
Date: Tue, 1 Jul 2003 10:52:37 +0200
Message-ID: <5678.21-Nov-1997@example.com>

Hi everyone.
""")
msgs["rfc5322-a1-3-group"] = crlf("""From: Pete <pete@silly.example>
To: A Group:Ed Jones <c@a.test>,joe@where.test,John <jdoe@one.test>;
Cc: Undisclosed recipients:;
Date: Thu, 13 Feb 1969 23:32:54 -0330
Message-ID: <testabcd.1234@silly.example>

Testing.
""")
msgs["rfc5322-a2-reply"] = crlf("""From: Mary Smith <mary@example.net>
To: John Doe <jdoe@machine.example>
Reply-To: "Mary Smith: Personal Account" <smith@home.example>
Subject: Re: Saying Hello
Date: Fri, 21 Nov 1997 10:01:10 -0600
Message-ID: <3456@example.net>
In-Reply-To: <1234@local.machine.example>
References: <1234@local.machine.example>

This is a reply to your hello.
""")
msgs["rfc5322-a4-resent"] = crlf("""Resent-From: Mary Smith <mary@example.net>
Resent-To: Jane Brown <j-brown@other.example>
Resent-Date: Mon, 24 Nov 1997 14:22:01 -0800
Resent-Message-ID: <78910@example.net>
From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, "Hello".
""")
msgs["rfc5322-a5-trace"] = crlf("""Received: from x.y.test
   by example.net
   via TCP
   with ESMTP
   id ABC12345
   for <mary@example.net>;  21 Nov 1997 10:05:43 -0600
Received: from node.example by x.y.test; 21 Nov 1997 10:01:22 -0600
From: John Doe <jdoe@node.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: Fri, 21 Nov 1997 09:55:06 -0600
Message-ID: <1234@local.node.example>

This is a message just to say hello.
So, "Hello".
""")
msgs["rfc5322-a6-1-obsolete-addressing"] = crlf("""From: Joe Q. Public <john.q.public@example.com>
To: Mary Smith <@node.test:mary@example.net>, , jdoe@test  . example
Date: Tue, 1 Jul 2003 10:52:37 +0200
Message-ID: <5678.21-Nov-1997@example.com>

Hi everyone.
""")
msgs["rfc5322-a6-2-obsolete-dates"] = crlf("""From: John Doe <jdoe@machine.example>
To: Mary Smith <mary@example.net>
Subject: Saying Hello
Date: 21 Nov 97 09:55:06 GMT
Message-ID: <1234@local.machine.example>

This is a message just to say hello.
So, "Hello".
""")
msgs["rfc5322-a6-3-obsolete-whitespace"] = crlf("""From  : John Doe <jdoe@machine(comment).  example>
To    : Mary Smith
  
          <mary@example.net>
Subject     : Saying Hello
Date  : Fri, 21
 Nov 1997
 09(comment):   55  :  06 -0600
Message-ID  : <1234   @   local(blah)  .machine .example>

This is a message just to say hello.
So, "Hello".
""")
msgs["rfc2046-5-1-1-multipart"] = crlf("""From: Nathaniel Borenstein <nsb@bellcore.com>
To: Ned Freed <ned@innosoft.com>
Date: Sun, 21 Mar 1993 23:56:48 -0800 (PST)
Subject: Sample message
MIME-Version: 1.0
Content-type: multipart/mixed; boundary="simple boundary"

This is the preamble.  It is to be ignored, though it
is a handy place for composition agents to include an
explanatory note to non-MIME conformant readers.

--simple boundary

This is implicitly typed plain US-ASCII text.
It does NOT end with a linebreak.
--simple boundary
Content-type: text/plain; charset=us-ascii

This is explicitly typed plain US-ASCII text.
It DOES end with a linebreak.

--simple boundary--

This is the epilogue.  It is also to be ignored.
""")
msgs["rfc2047-8-examples"] = crlf("""From: =?US-ASCII?Q?Keith_Moore?= <moore@cs.utk.edu>
To: =?ISO-8859-1?Q?Keld_J=F8rn_Simonsen?= <keld@dkuug.dk>
CC: =?ISO-8859-1?Q?Andr=E9?= Pirard <PIRARD@vm1.ulg.ac.be>
Subject: =?ISO-8859-1?B?SWYgeW91IGNhbiByZWFkIHRoaXMgeW8=?=
 =?ISO-8859-2?B?dSB1bmRlcnN0YW5kIHRoZSBleGFtcGxlLg==?=
MIME-Version: 1.0
Content-Type: text/plain; charset=ISO-8859-1
Content-Transfer-Encoding: quoted-printable

Keld J=F8rn
""")
msgs["rfc2231-continuations"] = crlf("""From: a@example.com
To: b@example.com
Subject: rfc2231
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary=xyz

--xyz
Content-Type: application/x-stuff;
 title*0*=us-ascii'en'This%20is%20even%20more%20;
 title*1*=%2A%2A%2Afun%2A%2A%2A%20;
 title*2="isn't it!"
Content-Disposition: attachment; filename*=iso-8859-1''na%EFve.txt

data
--xyz
Content-Type: message/external-body; access-type=URL;
         URL*0="ftp://";
         URL*1="cs.utk.edu/pub/moore/bulk-mailer/bulk-mailer.tar"

--xyz--
""")

# --- Messages written by a real MUA library (Python's email package) -----------
def py(m):
    return m.as_bytes(policy=policy.SMTP)

m = MIMEMultipart("mixed", boundary="===============1234567890==")
m["From"] = "Alice Example <alice@example.org>"
m["To"] = "Bob <bob@example.com>, carol@example.net"
m["Subject"] = "Report with attachments"
m["Date"] = "Mon, 02 Mar 2020 12:34:56 +0100"
m["Message-ID"] = "<report.1@example.org>"
alt = MIMEMultipart("alternative", boundary="===============alt==")
alt.attach(MIMEText("Hello Bob,\nplease find the report attached.\n", "plain", "utf-8"))
alt.attach(MIMEText("<p>Hello Bob,</p><p>please find the report attached.</p>\n", "html", "utf-8"))
m.attach(alt)
pdf = MIMEApplication(bytes(range(256)) * 8, "pdf")
pdf.add_header("Content-Disposition", "attachment", filename="report.pdf")
m.attach(pdf)
img = MIMEImage(b"\x89PNG\r\n\x1a\n" + bytes(300), "png")
img.add_header("Content-ID", "<img1@example.org>")
img.add_header("Content-Disposition", "inline", filename="logo.png")
m.attach(img)
msgs["python-email-mixed-alternative-attachments"] = py(m)

m = MIMEMultipart("mixed", boundary="outer-b")
m["From"] = "list@example.org"
m["To"] = "members@example.org"
m["Subject"] = "Fwd: original"
m["Date"] = "Tue, 03 Mar 2020 08:00:00 -0500"
m.attach(MIMEText("See below.\n"))
inner = MIMEMultipart("alternative", boundary="inner-b")
inner["From"] = "=?utf-8?q?J=C3=BCrgen?= <juergen@example.de>"
inner["To"] = "list@example.org"
inner["Subject"] = "=?utf-8?b?R3LDvMOfZQ==?="
inner["Date"] = "Mon, 2 Mar 2020 10:00:00 +0100"
inner["Message-ID"] = "<orig@example.de>"
inner.attach(MIMEText("Gr\u00fc\u00dfe\n", "plain", "utf-8"))
inner.attach(MIMEText("<b>Gr\u00fc\u00dfe</b>\n", "html", "iso-8859-1"))
fw = MIMEMessage(inner)
fw.add_header("Content-Disposition", "inline")
m.attach(fw)
msgs["python-email-forwarded-rfc822"] = py(m)

m = EmailMessage()
m["From"] = "\u0418\u0432\u0430\u043d <ivan@example.ru>"
m["To"] = "\u5c71\u7530 <yamada@example.jp>"
m["Subject"] = "\u041f\u0440\u0438\u0432\u0435\u0442 \u4e16\u754c with a rather long subject line that will need folding somewhere"
m["Date"] = "Wed, 04 Mar 2020 01:02:03 +0300"
m.set_content("\u041f\u0440\u0438\u0432\u0435\u0442\n" * 20)
m.add_attachment("r\u00e9sum\u00e9 text\n".encode("utf-8"), maintype="text", subtype="plain", filename="r\u00e9sum\u00e9.txt")
m.set_boundary("===============utf8==")
msgs["python-email-utf8-headers"] = m.as_bytes(policy=policy.SMTP)

# digest
m = MIMEMultipart("digest", boundary="digest-b")
m["From"] = "digest@example.org"
m["Subject"] = "Digest"
for i in range(3):
    t = MIMEText("Digest message %d\n" % i)
    t["Subject"] = "Part %d" % i
    t["From"] = "p%d@example.org" % i
    m.attach(MIMEMessage(t))
msgs["python-email-digest"] = py(m)

# --- Hand-written shapes seen in real-world mail (as described in the README) --
msgs["lf-only-multipart"] = lf("""From: lf@example.com
To: x@example.com
Subject: LF only
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain; charset="utf-8"

line1
line2
--b1
Content-Type: application/octet-stream; name="x.bin"
Content-Transfer-Encoding: base64

AAECAwQF
--b1--
""")
msgs["mixed-line-ends"] = b"From: mixed@example.com\r\nTo: x@example.com\nSubject: mixed\r\nContent-Type: text/plain\n\r\nline one\r\nline two\nline three\r"
msgs["missing-final-boundary"] = crlf("""From: a@example.com
Subject: no closing boundary
Content-Type: multipart/mixed; boundary=abc

--abc
Content-Type: text/plain

first
--abc
Content-Type: text/html

<p>second</p>
""")
msgs["no-boundary-found"] = crlf("""From: a@example.com
Subject: boundary never appears
Content-Type: multipart/alternative; boundary=zzz

just text, no boundaries at all
""")
msgs["multipart-without-boundary-param"] = crlf("""From: a@example.com
Subject: multipart without boundary
Content-Type: multipart/mixed

body
""")
msgs["boundary-prefix-inside-body"] = crlf("""From: a@example.com
Subject: boundary lookalikes
Content-Type: multipart/mixed; boundary="abc"

--abc
Content-Type: text/plain

text mentions --abc in the middle of a line
 --abc with a leading space
--abcdef is a prefix match and ends the part
--abc
Content-Type: text/plain

second
--abc--
""")
msgs["nested-same-prefix-boundaries"] = crlf("""From: a@example.com
Subject: nested boundaries sharing a prefix
Content-Type: multipart/mixed; boundary="a"

--a
Content-Type: multipart/alternative; boundary="ab"

--ab
Content-Type: text/plain

inner1
--ab
Content-Type: text/html

inner2
--ab--
--a
Content-Type: text/plain

outer2
--a--
""")
msgs["outer-boundary-ends-inner"] = crlf("""From: a@example.com
Subject: inner multipart not closed
Content-Type: multipart/mixed; boundary="outer"

--outer
Content-Type: multipart/alternative; boundary="inner"

--inner
Content-Type: text/plain

never closed
--outer
Content-Type: text/plain

after
--outer--
""")
msgs["empty-multipart"] = crlf("""From: a@example.com
Subject: empty multipart
Content-Type: multipart/mixed; boundary="e"

--e--
""")
msgs["header-only"] = crlf("""From: a@example.com
Subject: no body at all
""")
msgs["header-no-final-newline"] = b"From: a@example.com\r\nSubject: truncated header"
msgs["empty-message"] = b""
msgs["body-only"] = crlf("""
This message has no header at all.
""")
msgs["truncated-base64"] = crlf("""From: a@example.com
Subject: truncated
Content-Type: multipart/mixed; boundary="t"

--t
Content-Type: application/pdf; name=x.pdf
Content-Transfer-Encoding: base64

JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFIvRmlsdGVyIC9GbGF0ZURlY29kZT4+
c3RyZWFtCnicK+TKMY1
""")
msgs["folded-and-broken-headers"] = crlf("""From: a@example.com
Subject: this subject
\tis folded
  twice
X-Broken header line without colon
To: b@example.com
Content-Type: text/plain;
\tcharset="iso-8859-1";
\tformat=flowed
Content-Description:  multi
 line description

body
""")
msgs["nul-and-8bit"] = b"From: n\xfcl@example.com\r\nSubject: caf\xe9 \x00 null\r\nTo: \"J\xf6rg\" <j@example.com>\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\ncaf\xe9\x00 bytes \xff\xfe\r\n"
msgs["long-line"] = crlf("From: a@example.com\nSubject: long line\n\n" + "x" * 20000 + "\n" + "y" * 1000)
msgs["repeated-headers"] = crlf("""From: first@example.com
From: second@example.com
Subject: first subject
Subject: second subject
To: to1@example.com
To: to2@example.com
Message-ID: <first@example.com>
Message-ID: <second@example.com>
Content-Type: text/html; charset=utf-8
Content-Type: text/plain; charset=us-ascii

body
""")
msgs["uppercase-content-type"] = crlf("""From: a@example.com
Subject: case
Content-Type: TEXT/PLAIN; CHARSET=UTF-8; Format=Flowed
Content-Transfer-Encoding: QUOTED-PRINTABLE
Content-Disposition: INLINE; FILENAME="A.TXT"
Content-Language: en, DE-ch
Content-Location: http://example.com/a.txt
Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
Content-ID: <ID@example.com>
Content-Description: a "quoted" description

caf=C3=A9
""")
msgs["invalid-content-type"] = crlf("""From: a@example.com
Subject: invalid content type
Content-Type: text

body
""")
msgs["content-type-garbage-params"] = crlf("""From: a@example.com
Subject: garbage params
Content-Type: text/plain; charset=; name="unterminated; foo=bar

body
""")
msgs["message-rfc822-base64"] = crlf("""From: a@example.com
Subject: encoded rfc822
Content-Type: multipart/mixed; boundary="m"

--m
Content-Type: message/rfc822
Content-Transfer-Encoding: base64

RnJvbTogeEBleGFtcGxlLmNvbQ0KU3ViamVjdDogaW5uZXINCg0KYm9keQ0K
--m--
""")
msgs["message-rfc822-top"] = crlf("""From: outer@example.com
Subject: top-level rfc822
Content-Type: message/rfc822

From: inner@example.com
To: someone@example.com
Subject: inner message
Content-Type: multipart/alternative; boundary=q

--q
Content-Type: text/plain

plain
--q
Content-Type: text/html

<b>html</b>
--q--
""")
msgs["addresses-odd"] = crlf("""From: "quoted \\"name\\"" <a@example.com> (comment)
Sender: user@host (Comment Name)
Reply-To: =?utf-8?q?encoded_name?= <enc@example.com>
To: plainuser, @route.example:routed@example.com, <>, "Only Name"
Cc: group1: ; group2: m1@example.com, m2@example.com;, after@example.com
Bcc: a.b.c@[192.168.0.1], "x@y" <x@y.example>
Subject: addresses
In-Reply-To: <parent@example.com> <other@example.com>
Message-ID: no-angle-brackets@example.com

body
""")
msgs["subject-whitespace"] = crlf("""From: a@example.com
Subject:   leading   and trailing\t  
Date: Thu, 1 Jan 1970 00:00:00 +0000

body
""")
msgs["subject-quotes"] = crlf("""From: a@example.com
Subject: say "hi" \\ there

body
""")
msgs["many-parts"] = crlf("From: a@example.com\nSubject: many parts\nContent-Type: multipart/mixed; boundary=p\n\n" + "".join("--p\nContent-Type: text/plain\n\npart %d\n" % i for i in range(60)) + "--p--\n")
nest = "From: a@example.com\nSubject: deep nesting\nContent-Type: multipart/mixed; boundary=d0\n\n"
for i in range(1, 30):
    nest += "--d%d\nContent-Type: multipart/mixed; boundary=d%d\n\n" % (i - 1, i)
nest += "--d29\nContent-Type: text/plain\n\ndeep\n"
for i in range(29, -1, -1):
    nest += "--d%d--\n" % i
msgs["deep-nesting"] = crlf(nest)
msgs["multipart-header-without-blank-line"] = crlf("""From: a@example.com
Subject: part header directly followed by boundary
Content-Type: multipart/mixed; boundary="h"

--h
Content-Type: text/plain
--h
Content-Type: text/plain

ok
--h--
""")
msgs["digest-default-types"] = crlf("""From: a@example.com
Subject: digest defaults
Content-Type: multipart/digest; boundary="dg"

--dg

From: d1@example.com
Subject: one

one
--dg
Content-Type: text/plain

explicit text
--dg--
""")
msgs["params-edge"] = crlf("""From: a@example.com
Subject: parameters
Content-Type: text/plain; charset="utf-8"; name*="utf-8''%E2%82%AC.txt"; x-empty=""
Content-Disposition: attachment; filename="a \\"b\\".txt"; size=123

body
""")
msgs["encoded-words-broken"] = crlf("""From: =?utf-8?q?no_end <a@example.com>
To: =?iso-8859-1?q?J=F6rg?=@example.com
Subject: =?utf-8?b?4pyTIGNoZWNr?==?utf-8?q?_adjacent?= =?unknown-charset?q?x?= =?utf-8?B?bad base64?=

body
""")

msgs["dsn-multipart-report"] = crlf("""Return-Path: <>
Received: from mx.example.org by mail.example.com with ESMTP id 4F1; Tue, 3 Mar 2020 09:00:01 +0000
From: MAILER-DAEMON@mail.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: sender@example.com
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
\tboundary="4F1.1583226001/mail.example.com"
Content-Transfer-Encoding: 8bit
Message-Id: <20200303090001.4F1@mail.example.com>

This is a MIME-encapsulated message.

--4F1.1583226001/mail.example.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@example.org>: host mx.example.org said: 550 5.1.1 User unknown

--4F1.1583226001/mail.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.com
Arrival-Date: Tue,  3 Mar 2020 09:00:00 +0000 (UTC)

Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1

--4F1.1583226001/mail.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: sender@example.com
To: nobody@example.org
Subject: hello

--4F1.1583226001/mail.example.com--
""")
msgs["smime-signed"] = crlf("""From: Signer <signer@example.com>
To: rcpt@example.org
Subject: Signed message
MIME-Version: 1.0
Content-Type: multipart/signed; protocol="application/pkcs7-signature"; micalg=sha-256; boundary="----sig"

This is an S/MIME signed message

------sig
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Signed text with =C3=BCmlaut.
------sig
Content-Type: application/pkcs7-signature; name="smime.p7s"
Content-Transfer-Encoding: base64
Content-Disposition: attachment; filename="smime.p7s"

MIAGCSqGSIb3DQEHAqCAMIACAQExDzANBglghkgBZQMEAgEFADCABgkqhkiG9w0BBwEAAKCCAzAw
ggMsMIICFKADAgECAhQ=

------sig--
""")
msgs["outlook-tnef-calendar"] = crlf("""From: "Doe, Jane" <jane.doe@corp.example>
To: "Team" <team@corp.example>
Subject: =?iso-8859-1?Q?Besprechung_=FCber_Q3?=
Thread-Topic: =?iso-8859-1?Q?Besprechung_=FCber_Q3?=
Thread-Index: AdYA1B2C3D4E5F6G7H8I9J0KLMNOPQ==
Date: Wed, 4 Mar 2020 08:15:00 +0000
Message-ID: <DB7PR0101MB1234ABCD@DB7PR0101MB1234.eurprd01.prod.exchangelabs.com>
Accept-Language: de-DE, en-US
Content-Language: de-DE
X-MS-Has-Attach: yes
Content-Type: multipart/mixed;
\tboundary="_004_DB7PR0101MB1234ABCD_"
MIME-Version: 1.0

--_004_DB7PR0101MB1234ABCD_
Content-Type: multipart/alternative;
\tboundary="_000_DB7PR0101MB1234ABCD_"

--_000_DB7PR0101MB1234ABCD_
Content-Type: text/plain; charset="iso-8859-1"
Content-Transfer-Encoding: quoted-printable

Hallo zusammen,
anbei die Einladung f=FCr Donnerstag.

--_000_DB7PR0101MB1234ABCD_
Content-Type: text/calendar; charset="utf-8"; method=REQUEST
Content-Transfer-Encoding: base64

QkVHSU46VkNBTEVOREFSDQpNRVRIT0Q6UkVRVUVTVA0KRU5EOlZDQUxFTkRBUg0K

--_000_DB7PR0101MB1234ABCD_--

--_004_DB7PR0101MB1234ABCD_
Content-Type: application/ms-tnef; name="winmail.dat"
Content-Description: winmail.dat
Content-Disposition: attachment; filename="winmail.dat"; size=24;
\tcreation-date="Wed, 04 Mar 2020 08:15:00 GMT";
\tmodification-date="Wed, 04 Mar 2020 08:15:00 GMT"
Content-Transfer-Encoding: base64

eJ8+IgAAAQaQCAAEAAAAAAABAAEAAQeQBgAIAAAA

--_004_DB7PR0101MB1234ABCD_--
""")
msgs["apple-mail-qp"] = crlf("""From: =?utf-8?Q?Fran=C3=A7ois_Dupont?= <francois@example.fr>
Content-Type: multipart/alternative;
\tboundary="Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0"
Mime-Version: 1.0 (Mac OS X Mail 13.0 \\(3608.120.23.2.4\\))
Subject: =?utf-8?Q?R=C3=A9union_demain?=
Date: Thu, 5 Mar 2020 18:30:12 +0100
Message-Id: <A1B2C3D4-E5F6-7890-ABCD-EF1234567890@example.fr>
To: Marie <marie@example.fr>

--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0
Content-Transfer-Encoding: quoted-printable
Content-Type: text/plain;
\tcharset=utf-8

Bonjour Marie,

La r=C3=A9union est pr=C3=A9vue =C3=A0 10h. Une tr=C3=A8s longue ligne qui =
continue apr=C3=A8s un saut doux.

Fran=C3=A7ois
--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0
Content-Transfer-Encoding: quoted-printable
Content-Type: text/html;
\tcharset=utf-8

<html><head><meta http-equiv=3D"Content-Type" content=3D"text/html; =
charset=3Dutf-8"></head><body>Bonjour Marie,</body></html>
--Apple-Mail=_9F8E7D6C-5B4A-3928-1706-F5E4D3C2B1A0--
""")
msgs["mailing-list-footer"] = crlf("""Return-Path: <list-bounces@lists.example.org>
From: Poster <poster@example.net>
To: discuss@lists.example.org
Subject: [discuss] Re: Release plan
List-Id: Discussion list <discuss.lists.example.org>
List-Unsubscribe: <mailto:discuss-leave@lists.example.org>
Sender: "discuss" <discuss-bounces@lists.example.org>
Reply-To: discuss@lists.example.org
Content-Type: multipart/mixed; boundary="===============7330845974216740156=="
MIME-Version: 1.0

--===============7330845974216740156==
Content-Type: text/plain; charset="windows-1252"
Content-Transfer-Encoding: base64

SSBhZ3JlZSDTcXVvdGVk1CB0ZXh0IJYgdGhhbmtzLgo=

--===============7330845974216740156==
Content-Type: text/plain; charset="us-ascii"
MIME-Version: 1.0
Content-Transfer-Encoding: 7bit
Content-Disposition: inline

_______________________________________________
discuss mailing list
discuss@lists.example.org

--===============7330845974216740156==--
""")
msgs["content-type-comments"] = crlf("""From: a@example.com
Subject: comments in MIME fields
Content-Type: text/plain (plain text) ; (the charset) charset = "utf-8" (utf)
Content-Transfer-Encoding: 7bit (seven bit)
Content-ID: <cid (not a comment)@example.com>

body
""")
msgs["encoded-word-in-quoted-name"] = crlf("""From: "=?utf-8?q?Bj=C3=B6rk?=" <bjork@example.is>
To: "Last, First" <first.last@example.com>, "=?utf-8?b?5bGx55Sw?=" <yamada@example.jp>
Subject: quoted encoded words

body
""")

# Which Content-* fields count: a message header needs MIME-Version or Content-Type.
msgs["mime-rules-no-mime-version"] = b"From: a@b\r\nContent-Transfer-Encoding: base64\r\nContent-Language: de\r\n\r\nAAAA\r\n"
msgs["mime-rules-mime-version-only"] = b"From: a@b\r\nMIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\nContent-Language: de\r\n\r\nAAAA\r\n"
msgs["mime-rules-body-part"] = b"From: a@b\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <a@b>\r\n\r\nAAAA\r\n--x--\r\n"
msgs["mime-rules-encapsulated"] = b"From: a@b\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <x@y>\r\n\r\nAAAA\r\n"
msgs["mime-rules-encapsulated-mime"] = b"From: a@b\r\nMime-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\nFrom: c@d\r\nMIME-Version: 1.0\r\nContent-Transfer-Encoding: base64\r\nContent-ID: <x@y>\r\n\r\nAAAA\r\n"
msgs["mime-rules-bare-type"] = b"From: a@b\r\nContent-Type: multi-b\r\n\r\nbody\r\n"
msgs["mime-rules-junk-after-subtype"] = b"From: a@b\r\nContent-Type: text/plain junk; charset=utf-8\r\n\r\nbody\r\n"
msgs["mime-rules-type-with-slash-only"] = b"From: a@b\r\nContent-Type: text/\r\n\r\nbody\r\n"
msgs["header-line-without-colon"] = b"From: a@b\r\nSubject\r\nContent-Type\r\n\r\nbody\r\n"

msgs["lone-cr-in-header"] = b"From: a@b\r\nDate: Thu, 1 Jan 1970 00:00:00 +0000\rjunk\r\nMessage-ID: <x@y>\r(tail)\r\nContent-Type: text/plain\r\nContent-Description: one\rtwo\r\n\r\nbody\r\n"
msgs["nul-in-structured-fields"] = (b"From: \"N\x00ame\" <a@[10.0\x00.0.1]>\r\nTo: us\x00er@example.com\r\n"
    b"Content-Type: text/plain; x-a==?x\x00y?=; charset=utf-8\r\nContent-Disposition: attachment; filename=\"a\x00b\"\r\n\r\nbody\r\n")

os.makedirs(OUT, exist_ok=True)
for name, data in sorted(msgs.items()):
    with open(os.path.join(OUT, name + ".eml"), "wb") as f:
        f.write(data)
print(len(msgs), "messages written to", OUT)
