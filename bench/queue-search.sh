#!/usr/bin/env bash
# The three ways a queue search can reach its cases, timed by the sqlite3 shell on the queue bench's desk
# (build it first: dotnet run -c Release --project bench/Triage.Bench -- queue). For each word: counting
# its hits up to 50,000 (what the handler does to choose), then a province's first priority page by
# collecting every hit into an IN set, and by asking FTS5 about each case the index walk passes.
set -euo pipefail
db="${1:-${TMPDIR:-/tmp}/triage-bench-queue/triage.db}"
scope=$(sqlite3 "$db" "SELECT path FROM org_units WHERE parent_id IS NULL")
open="'new', 'triaged', 'assigned', 'escalated', 'responded'"
for word in goi li co um hinh dui; do
    hits=$(sqlite3 "$db" "SELECT count(*) FROM case_search WHERE case_search MATCH '$word'")
    times=$(sqlite3 "$db" <<SQL | grep -o 'real [0-9.]*' | awk '{printf "%.1f ms  ", $2 * 1000}'
.timer on
.output /dev/null
SELECT count(*) FROM (SELECT 1 FROM case_search WHERE case_search MATCH '$word' LIMIT 50000);
SELECT c.id FROM cases c WHERE +c.status IN ($open)
  AND +c.owner_unit_id IN (SELECT id FROM org_units WHERE substr(path, 1, length('$scope')) = '$scope')
  AND +c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH '$word')
  ORDER BY c.priority DESC, c.id LIMIT 51;
SELECT c.id FROM cases c WHERE +c.status IN ($open)
  AND +c.owner_unit_id IN (SELECT id FROM org_units WHERE substr(path, 1, length('$scope')) = '$scope')
  AND EXISTS (SELECT 1 FROM case_search WHERE case_search MATCH '$word' AND case_search.rowid = c.id)
  ORDER BY c.priority DESC, c.id LIMIT 51;
SQL
)
    echo "$word ($hits hits): count / IN set / probe: $times"
done
