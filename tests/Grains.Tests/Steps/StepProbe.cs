using System.Collections.Concurrent;
using OrleansMaestro.Abstractions.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

/// <summary>A service the test steps take in their constructor (through DI) and report to.</summary>
public sealed class StepProbe
{
    public ConcurrentQueue<StepContext> Contexts { get; } = new();
}
