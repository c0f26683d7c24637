#!/usr/bin/env bash
# Differential test against Dovecot: for every file in DIR (e.g. a fuzzer corpus, or a real Maildir's
# cur/ folder you may not commit), compares our ENVELOPE and BODYSTRUCTURE with Dovecot's
# (`doveadm fetch` on a throwaway one-message Maildir, as scripts/dovecot-imap-views.sh does) and
# prints the files that differ and the match count. Needs dovecot-core and python3.
# Usage: scripts/dovecot-differential.sh DIR [MAX_FILES]
set -euo pipefail
DIR=$(cd "$1" && pwd)
MAX=${2:-1000000}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
swift build --product MailMessageFuzzer >/dev/null
OURS=$(mktemp /tmp/columba-ours.XXXXXX)
WORK=$(mktemp -d /tmp/columba-dovecot.XXXXXX)
trap 'rm -rf "$WORK" "$OURS"' EXIT
find "$DIR" -maxdepth 1 -type f | sort | head -n "$MAX" > "$WORK/files"
xargs -d '\n' "$(swift build --show-bin-path)/MailMessageFuzzer" --views < "$WORK/files" > "$OURS"
mkdir -p "$WORK/run" "$WORK/home"
cat > "$WORK/dovecot.conf" <<EOF
base_dir = $WORK/run
state_dir = $WORK/state
log_path = /dev/null
mail_location = maildir:$WORK/mail
mail_uid = 65534
mail_gid = 65534
first_valid_uid = 0
first_valid_gid = 0
ssl = no
EOF
chown -R 65534:65534 "$WORK/home"; chmod 755 "$WORK"
WORK="$WORK" OURS="$OURS" python3 - <<'PYEOF'
import json, os, shutil, subprocess
work, ours_path = os.environ["WORK"], os.environ["OURS"]
def sanitize(b):
    # doveadm's JSON output replaces each invalid UTF-8 byte with U+FFFD; do the same to ours.
    return b.decode("utf-8", "replace").encode("utf-8")
data = open(ours_path, "rb").read()
ours, pos = {}, 0
while pos < len(data):
    nl = data.index(b"\n", pos)
    head = data[pos + 3:nl]
    path, rest = head.rsplit(b" ", 2)[0], head.rsplit(b" ", 2)[1:]
    field, n = rest[0].decode(), int(rest[1])
    ours.setdefault(path.decode(), {})[field] = data[nl + 1:nl + 1 + n]
    pos = nl + 1 + n + 1
env = dict(os.environ, USER="nobody", HOME=work + "/home")
same = differ = 0
for path in open(work + "/files").read().splitlines():
    mail = work + "/mail"
    shutil.rmtree(mail, ignore_errors=True)
    for d in ("new", "cur", "tmp"):
        os.makedirs(os.path.join(mail, d))
    shutil.copy(path, os.path.join(mail, "new", "1.x"))
    subprocess.run(["chown", "-R", "65534:65534", mail], check=True)
    p = subprocess.run(["doveadm", "-c", work + "/dovecot.conf", "-f", "json", "fetch",
                        "imap.envelope imap.bodystructure", "all"], env=env, capture_output=True)
    theirs = json.loads(p.stdout.decode("latin-1"))[0]
    bad = [f for f in ("imap.envelope", "imap.bodystructure")
           if sanitize(ours[path][f]) != theirs[f].encode("latin-1")]
    if bad:
        differ += 1
        print("DIFFERS", path, " ".join(bad))
    else:
        same += 1
print("identical: %d of %d" % (same, same + differ))
PYEOF
