#!/usr/bin/env bash
# Runs every test: installs Debian's chromium for the browser tests when it is missing,
# runs dotnet test with TRX results, and ends with the line "N passed, N failed".
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
dotnet test Triage.sln --logger "trx" --results-directory TestResults "$@" || status=$?

# dotnet test prints no "N passed, N failed" line of its own; the TRX counters have the numbers.
passed=0; failed=0; found=0
for trx in TestResults/*.trx; do
    [ -e "$trx" ] || continue
    found=1
    counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
    p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
    f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
    e=$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")
    passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ "$found" -eq 0 ] && [ "$status" -ne 0 ]; then failed=1; fi
echo "${passed} passed, ${failed} failed"
exit "$status"
