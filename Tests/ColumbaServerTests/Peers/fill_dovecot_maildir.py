#!/usr/bin/env python3
"""Fills a Maildir through a private Dovecot (Debian's dovecot-imapd) over IMAP, then prints
what Dovecot says is in it, as JSON, for the Maildir import test.

    fill_dovecot_maildir.py STATE_DIR

Starts `dovecot -F` with a configuration under STATE_DIR (Maildir++ at STATE_DIR/mail/<user>),
appends messages with flags, keywords and internal dates, expunges one (a UID gap), creates
folders (one with a non-ASCII name), subscribes, stops Dovecot, and prints
{"root": ..., "mailboxes": {name: {"uidvalidity", "uidnext", "subscribed",
 "messages": [{"uid", "flags", "internaldate", "body"}]}}} with names in UTF-8 and "/" as
separator, bodies base64."""
import base64, imaplib, json, os, pwd, grp, signal, socket, subprocess, sys, time

state = sys.argv[1]
user, password = "alice@example.test", "secret"
os.makedirs(f"{state}/run", exist_ok=True)
os.makedirs(f"{state}/mail", exist_ok=True)
with socket.socket() as probe:
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
if os.getuid() == 0:
    mail_user, mail_group = "nobody", grp.getgrgid(pwd.getpwnam("nobody").pw_gid).gr_name
    os.chown(f"{state}/mail", pwd.getpwnam("nobody").pw_uid, -1)
    service_users = ""
else:
    mail_user, mail_group = pwd.getpwuid(os.getuid()).pw_name, grp.getgrgid(os.getgid()).gr_name
    service_users = f"default_internal_user = {mail_user}\ndefault_login_user = {mail_user}\n"
with open(f"{state}/users", "w") as users:
    users.write(f"{user}:{{PLAIN}}{password}\n")
with open(f"{state}/dovecot.conf", "w") as conf:
    conf.write(f"""base_dir = {state}/run
state_dir = {state}/run
log_path = {state}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
first_valid_uid = 1
{service_users}mail_location = maildir:{state}/mail/%u
passdb {{
  driver = passwd-file
  args = {state}/users
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={state}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
""")
def unblock_signals():
    # A parent (a test runner) may have blocked signals; Dovecot must see SIGTERM.
    signal.pthread_sigmask(signal.SIG_SETMASK, [])


dovecot = subprocess.Popen(["dovecot", "-F", "-c", f"{state}/dovecot.conf"],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=unblock_signals)
try:
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.1)
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.login(user, password)

    def message(number, subject):
        return (f"From: sender{number}@example.org\r\nTo: {user}\r\nSubject: {subject}\r\n"
                f"Message-ID: <m{number}@example.org>\r\n\r\nBody of message {number}.\r\n").encode()

    def check(result):
        assert result[0] == "OK", result
        return result

    inbox = [
        ("(\\Seen)", "01-Jan-2024 10:00:00 +0000"),
        ("(\\Flagged \\Answered $Work)", "15-Feb-2024 08:30:00 +0100"),
        ("()", "20-Feb-2024 12:00:00 +0000"),
        ("(\\Draft Project-X)", "01-Mar-2024 23:59:59 -0500"),
        ("(\\Seen $Work Project-X)", "02-Mar-2024 00:00:01 +0000"),
    ]
    for number, (flags, date) in enumerate(inbox, 1):
        check(imap.append("INBOX", flags, f'"{date}"', message(number, f"inbox {number}")))
    check(imap.select("INBOX"))
    check(imap.uid("STORE", "3", "+FLAGS.SILENT", "(\\Deleted)"))
    check(imap.expunge())
    check(imap.uid("STORE", "4", "+FLAGS.SILENT", "(\\Seen $Later)"))
    for folder in ["Work", "Work.Reports", "Caf&AOk-"]:
        check(imap.create(folder))
    check(imap.append("Work.Reports", "(\\Seen)", '"05-Mar-2024 09:00:00 +0000"', message(6, "report")))
    check(imap.append("Work.Reports", "($Work)", '"06-Mar-2024 09:00:00 +0000"', message(7, "report 2")))
    check(imap.append("Caf&AOk-", "()", '"07-Mar-2024 09:00:00 +0000"', message(8, "café")))
    check(imap.subscribe("Work"))
    check(imap.subscribe("Caf&AOk-"))

    result = {"root": f"{state}/mail/{user}", "mailboxes": {}}
    names = {"INBOX": "INBOX", "Work": "Work", "Work.Reports": "Work/Reports", "Caf&AOk-": "Caf\u00e9"}
    for wire, name in names.items():
        status = check(imap.status(wire, "(UIDVALIDITY UIDNEXT)"))[1][0].decode()
        fields = status[status.index("(") + 1:status.rindex(")")].split()
        numbers = dict(zip(fields[0::2], fields[1::2]))
        check(imap.select(wire, readonly=True))
        messages = []
        typ, data = check(imap.uid("FETCH", "1:*", "(UID FLAGS INTERNALDATE BODY.PEEK[])"))
        for item in data:
            if not isinstance(item, tuple):
                continue
            head = item[0].decode()
            uid = int(head.split("UID ")[1].split()[0])
            flags = head.split("FLAGS (")[1].split(")")[0].split()
            date = time.mktime(imaplib.Internaldate2tuple(item[0]))
            messages.append({"uid": uid, "flags": sorted(f for f in flags if f != "\\Recent"),
                             "internaldate": int(date), "body": base64.b64encode(item[1]).decode()})
        result["mailboxes"][name] = {"uidvalidity": int(numbers["UIDVALIDITY"]), "uidnext": int(numbers["UIDNEXT"]),
                                     "subscribed": name in ("Work", "Caf\u00e9"), "messages": messages}
    imap.logout()
    print(json.dumps(result))
finally:
    dovecot.send_signal(signal.SIGTERM)
    try:
        dovecot.wait(timeout=20)
    except subprocess.TimeoutExpired:
        dovecot.kill()
        dovecot.wait()
