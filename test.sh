#!/usr/bin/env bash
# Runs every test: installs Debian's chromium for the browser tests when it is missing, runs the suite on SQLite,
# and, when TRIAGE_TEST_POSTGRES holds a connection string, the same suite again on PostgreSQL (each test desk in a
# database of its own on that server). TRX results per pass; the last line is "N passed, N failed" over both.
#   ./test.sh                                   the SQLite pass (needs nothing but .NET and chromium)
#   eval "$(tools/services.sh start | sed 's/^/export /')" && ./test.sh    both passes, with PostgreSQL and Redis
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium is missing: installing Debian's package for the browser tests" >&2
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

rm -rf TestResults
status=0
postgres="${TRIAGE_TEST_POSTGRES:-}"

echo "== the suite on SQLite" >&2
env -u TRIAGE_TEST_POSTGRES dotnet test Triage.sln --logger "trx" --results-directory TestResults/sqlite "$@" || status=$?

if [ -n "$postgres" ]; then
    echo "== the suite on PostgreSQL" >&2
    TRIAGE_TEST_POSTGRES="$postgres" dotnet test Triage.sln --no-build --logger "trx" --results-directory TestResults/postgres "$@" || status=$?
else
    echo "TRIAGE_TEST_POSTGRES is not set: the PostgreSQL pass is skipped (tools/services.sh start gives a server)" >&2
fi

# dotnet test prints no "N passed, N failed" line of its own; the TRX counters have the numbers.
passed=0; failed=0; found=0
for trx in TestResults/*/*.trx; do
    [ -e "$trx" ] || continue
    found=1
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
    echo "$(basename "$(dirname "$trx")"): ${p:-0} passed, $(( ${f:-0} + ${e:-0} )) failed" >&2
    # CI keeps only the end of the output: name each failed test here, beside the counts.
    grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/  failed: \1/p' >&2 || true
done
if [ "$found" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
