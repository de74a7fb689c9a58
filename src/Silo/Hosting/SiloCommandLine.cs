namespace OrleansMaestro.Silo.Hosting;

/// <summary>What the command line asked for.</summary>
/// <param name="DataDirectory">Overrides <c>Maestro:DataDirectory</c> when set.</param>
/// <param name="Demo">Run the live demo in the silo's process.</param>
/// <param name="DemoDuration">Stop the demo (and the process) after this long; null runs until Ctrl+C.</param>
/// <param name="PrintState">Print the stored workflows' state and stop.</param>
internal sealed record SiloCommandLine(string? DataDirectory, bool Demo, TimeSpan? DemoDuration, bool PrintState);
