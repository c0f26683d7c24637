#!/bin/sh
# Runs the Auth tests with every peer required: doveadm (Debian's dovecot-core), Python's
# scramp in a throwaway venv, and the PostgreSQL named by TEST_POSTGRES_URL.
#
#   TEST_POSTGRES_URL=postgres://mailsrv:mailsrv@127.0.0.1:15432/mailsrv \
#       sh Tests/AuthTests/Fixtures/run-auth-tests.sh
#
# Needs: apt-get install dovecot-core libcrypt-dev libsodium-dev libssl-dev python3-venv
set -eu
: "${TEST_POSTGRES_URL:?set TEST_POSTGRES_URL to a PostgreSQL the tests may create tables in}"
VENV="${TEST_VENV:-${TMPDIR:-/tmp}/columba-auth-venv}"
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -c "import scramp" 2>/dev/null || "$VENV/bin/pip" install --quiet scramp
export TEST_PYTHON="$VENV/bin/python"
export TEST_REQUIRE_PEERS=1
export TEST_POSTGRES_URL
exec swift test --filter AuthTests
