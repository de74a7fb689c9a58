namespace OrleansMaestro.Silo.Demo;

/// <summary>The live demo's generator (section <c>Maestro:Demo</c>).</summary>
public sealed class DemoOptions
{
    public const string Section = "Maestro:Demo";

    /// <summary>Time between two appends to raw.events.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Rows per append.</summary>
    public int BatchRows { get; set; } = 300;

    /// <summary>How far back event timestamps go, so the aggregate spans several hours.</summary>
    public TimeSpan EventWindow { get; set; } = TimeSpan.FromHours(3);

    /// <summary>Folder of the sample workflow definitions; null: <c>samples/pipeline</c> next to the silo binary.</summary>
    public string? SamplesDirectory { get; set; }
}
