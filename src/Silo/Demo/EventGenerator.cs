namespace OrleansMaestro.Silo.Demo;

/// <summary>Random rows for raw.events: countries from a short list (and a few unknown), amounts in cents, recent timestamps.</summary>
internal sealed class EventGenerator(DemoOptions options, TimeProvider time, long firstEventId)
{
    // null stands for events whose country is unknown: the aggregate must group them too.
    private static readonly string?[] Countries = ["DE", "FR", "US", "JP", "BR", "IN", "NG", "AU", null];

    private readonly Random _random = new();
    private long _nextId = firstEventId;

    public object?[][] NextBatch()
    {
        var now = time.GetUtcNow();
        var window = options.EventWindow.Ticks;
        var rows = new object?[options.BatchRows][];
        for (var i = 0; i < rows.Length; i++)
        {
            var ts = now.AddTicks(-_random.NextInt64(window));
            rows[i] =
            [
                _nextId++,
                Countries[_random.Next(Countries.Length)],
                // One in fifty has no amount: sum() skips it, the count does not.
                _random.Next(50) == 0 ? null : _random.Next(1, 50_000) / 100m,
                // Iceberg keeps microseconds; trimming here keeps what is written equal to what is generated.
                ts.AddTicks(-(ts.Ticks % 10)),
            ];
        }

        return rows;
    }
}
