namespace OrleansMaestro.Silo.Options;

/// <summary>One API key (<c>Maestro:Http:Auth:ApiKeys:&lt;n&gt;</c>).</summary>
public sealed class ApiKeySettings
{
    /// <summary>The shortest key accepted: a shorter one is guessable.</summary>
    public const int MinKeyLength = 16;

    /// <summary>Who holds the key (logged, never the key itself).</summary>
    public string Name { get; set; } = "";

    /// <summary>The secret sent as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; at least <see cref="MinKeyLength"/> characters.</summary>
    public string Key { get; set; } = "";

    public ApiKeyAccess Access { get; set; } = ApiKeyAccess.ReadWrite;
}
