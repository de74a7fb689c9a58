#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL from apt, s3rver and icebird from npm) and runs every test project.
# Ends with one line "N passed, N failed[, N skipped]" summed over all test projects; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if ! command -v node >/dev/null 2>&1; then
  echo "== installing Node.js"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
echo "== installing test tools (s3rver, icebird)"
(cd tests/tools && npm ci --no-audit --no-fund --loglevel=error) || exit 1

echo "== building"
dotnet build OrleansMaestro.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
status=0
for project in tests/*/*.Tests.csproj; do
  echo "== testing $project"
  dotnet test "$project" -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee -a "$log" | grep -E "^\s*(Failed|Passed|Skipped) |Failed!|Passed!|error" || true
  [ "${PIPESTATUS[0]}" -eq 0 ] || status=1
done

# Summary lines look like: "Passed!  - Failed:     0, Passed:    16, Skipped:     0, Total:    16, ..."
read -r passed failed skipped < <(grep -E "(Passed|Failed)! +- +Failed:" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\2 \1 \3/' \
  | awk '{p+=$1; f+=$2; s+=$3} END {print p+0, f+0, s+0}')
projects=$(ls tests/*/*.Tests.csproj | wc -l)
summaries=$(grep -cE "(Passed|Failed)! +- +Failed:" "$log" || true)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi          # a crashed test host counts as a failure
if [ "$summaries" -lt "$projects" ] && [ "$failed" -eq 0 ]; then failed=1; status=1; fi
rm -f "$log"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
