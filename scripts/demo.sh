#!/usr/bin/env bash
# The main job on the embedded default (SQLite catalog, local warehouse folder; no servers):
# creates an Iceberg table from samples/events, appends two batches, and shows the snapshots, the files,
# the whole table, and the incremental scan of the second batch alone.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build src/Cli -c Release -nologo -v q >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
maestro() { (cd "$work" && dotnet "$OLDPWD/src/Cli/bin/Release/net10.0/maestro.dll" "$@"); }
samples="$PWD/samples/events"

echo "== create analytics.events (partitioned by day of ts)"
maestro table create analytics.events --schema "$samples/schema.json" --partition-by "day(ts)"
echo "== append batch 1 (CSV) and batch 2 (JSON lines)"
maestro table append analytics.events --file "$samples/batch-1.csv"
maestro table append analytics.events --file "$samples/batch-2.jsonl"
echo "== snapshots"
maestro table snapshots analytics.events
echo "== files"
maestro table files analytics.events
echo "== scan (whole table)"
maestro table scan analytics.events --format csv
first=$(maestro table snapshots analytics.events --format csv | sed -n 2p | cut -d, -f1)
echo "== incremental scan: what the second append added (after snapshot $first)"
maestro table scan analytics.events --from-snapshot "$first" --format jsonl
echo "== the same table read straight from its metadata file"
maestro table scan --metadata "$(ls "$work"/.maestro/warehouse/analytics.db/events/metadata/*.metadata.json | sort | tail -1)" --format csv
