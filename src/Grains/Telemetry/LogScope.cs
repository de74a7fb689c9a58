using System.Collections;

namespace OrleansMaestro.Grains.Telemetry;

/// <summary>
/// A logging scope's fields. Formatters that write scopes as objects (the JSON console) take the pairs; ones that
/// write text (the simple console) take <see cref="ToString"/>, which is <c>workflow/run[/step#attempt]</c>.
/// </summary>
internal sealed class LogScope(string text, params KeyValuePair<string, object?>[] fields) : IReadOnlyList<KeyValuePair<string, object?>>
{
    public int Count => fields.Length;

    public KeyValuePair<string, object?> this[int index] => fields[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)fields).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => text;
}
