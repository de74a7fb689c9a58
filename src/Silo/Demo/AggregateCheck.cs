using System.Globalization;
using OrleansMaestro.Iceberg.Catalog;

namespace OrleansMaestro.Silo.Demo;

/// <summary>
/// Checks the incremental aggregate against the truth: the partial rows that every hourly-aggregate run appended to
/// agg.event_counts, summed per (hour, country), must equal a count and sum computed from scratch over all of
/// raw.events — each side read at the snapshots one run consumed and produced.
/// </summary>
internal sealed class AggregateCheck(SqlCatalog catalog)
{
    public async Task<AggregateCheckResult> RunAsync(long eventsSnapshot, long countsSnapshot, CancellationToken cancellationToken)
    {
        var expected = new Dictionary<(DateTime Hour, string? Country), Totals>();
        var events = await catalog.LoadTableAsync(TableIdentifier.Parse(DemoTables.Events), cancellationToken);
        await foreach (var row in events.NewScan().UseSnapshot(eventsSnapshot).Select("ts", "country", "amount").ReadRowsAsync(cancellationToken))
        {
            var key = (Hour((DateTimeOffset)row[0]!), (string?)row[1]);
            expected[key] = expected.GetValueOrDefault(key) + new Totals(1, (decimal?)row[2] ?? 0m);
        }

        var actual = new Dictionary<(DateTime Hour, string? Country), Totals>();
        var counts = await catalog.LoadTableAsync(TableIdentifier.Parse(DemoTables.Counts), cancellationToken);
        await foreach (var row in counts.NewScan().UseSnapshot(countsSnapshot).Select("hour", "country", "events", "amount").ReadRowsAsync(cancellationToken))
        {
            var key = (Hour((DateTimeOffset)row[0]!), (string?)row[1]);
            actual[key] = actual.GetValueOrDefault(key) + new Totals(Convert.ToInt64(row[2], CultureInfo.InvariantCulture), (decimal?)row[3] ?? 0m);
        }

        var differences = expected.Keys.Union(actual.Keys)
            .Where(k => expected.GetValueOrDefault(k) != actual.GetValueOrDefault(k))
            .OrderBy(k => k.Hour).ThenBy(k => k.Country, StringComparer.Ordinal)
            .Select(k => $"{k.Hour:yyyy-MM-dd HH}:00 {k.Country ?? "(no country)"}: expected {expected.GetValueOrDefault(k)}, aggregate has {actual.GetValueOrDefault(k)}")
            .ToArray();
        return new AggregateCheckResult(
            differences.Length == 0,
            expected.Count,
            expected.Values.Sum(t => t.Events),
            expected.Values.Sum(t => t.Amount),
            differences);
    }

    // The UTC hour an event falls in; DuckDB's date_trunc('hour', ts) gives the same instant in any whole-hour time zone.
    private static DateTime Hour(DateTimeOffset ts) => new(ts.UtcTicks - (ts.UtcTicks % TimeSpan.TicksPerHour), DateTimeKind.Utc);

    private readonly record struct Totals(long Events, decimal Amount)
    {
        public static Totals operator +(Totals a, Totals b) => new(a.Events + b.Events, a.Amount + b.Amount);

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Events} events, amount {Amount:0.00}");
    }
}

internal sealed record AggregateCheckResult(bool Ok, int Groups, long Events, decimal Amount, IReadOnlyList<string> Differences);
