namespace OrleansMaestro.Silo.Startup;

/// <summary>Start-up work that wakes stored workflows; the demo and <c>--print-state</c> wait for it to see their state.</summary>
internal interface IWorkflowReactivation
{
    Task Completion { get; }
}
