using System.Diagnostics.Metrics;

namespace OrleansMaestro.Telemetry.Tests;

/// <summary>Listens to the instruments of one meter and keeps every measurement with its tags.</summary>
public sealed class MeasurementRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Recorded> _measurements = [];
    private readonly Lock _gate = new();

    public MeasurementRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<int>((i, v, t, _) => Add(i, v, t));
        _listener.SetMeasurementEventCallback<double>((i, v, t, _) => Add(i, v, t));
        _listener.Start();
    }

    public sealed record Recorded(string Instrument, string? Unit, double Value, IReadOnlyDictionary<string, string?> Tags);

    /// <summary>The measurements of <paramref name="instrument"/> so far (observable gauges: after <see cref="Collect"/>).</summary>
    public IReadOnlyList<Recorded> Of(string instrument)
    {
        lock (_gate)
        {
            return [.. _measurements.Where(m => m.Instrument == instrument)];
        }
    }

    /// <summary>Forgets what was recorded and reads every observable instrument once, as an exporter's collection would.</summary>
    public void Collect()
    {
        lock (_gate)
        {
            _measurements.Clear();
        }

        _listener.RecordObservableInstruments();
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, tag) in tags)
        {
            copy[key] = tag?.ToString();
        }

        lock (_gate)
        {
            _measurements.Add(new Recorded(instrument.Name, instrument.Unit, value, copy));
        }
    }
}
