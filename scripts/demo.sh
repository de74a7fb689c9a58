#!/usr/bin/env bash
# The main job on the embedded default (one silo on localhost, SQLite grain state and catalog, local warehouse folder;
# no servers): builds and runs the silo with its live demo on a fresh data folder. A generator appends random events to
# raw.events every few seconds; the sample workflows (samples/pipeline) aggregate them into agg.event_counts and rank
# them into agg.top_countries; each commit's way through the pipeline is printed with the delay of every hop, and each
# aggregate is checked against a recompute from scratch. Ends by itself; exit code 0 only if every check passed.
#
#   ./scripts/demo.sh            # 40 seconds
#   ./scripts/demo.sh 120        # or DEMO_DURATION=120 ./scripts/demo.sh
#
# Silo logs go to stderr (2>/dev/null hides them). The ports are Orleans' defaults (11111, 30000); set
# Maestro__SiloPort / Maestro__GatewayPort when they are taken.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-${DEMO_DURATION:-40}}"
dotnet build src/Silo -c Release -nologo -v q >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
echo "== silo with the live demo for ${duration}s (data folder $data)"
dotnet src/Silo/bin/Release/net10.0/OrleansMaestro.Silo.dll --demo --demo-duration "$duration" --data "$data"
