namespace OrleansMaestro.Cli.Commands.Workflows;

/// <summary>One file that <c>workflow apply</c> stored (its JSON output is a list of these).</summary>
public sealed record AppliedWorkflow(string File, string WorkflowId, int Version);
