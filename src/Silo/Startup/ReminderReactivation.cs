namespace OrleansMaestro.Silo.Startup;

/// <summary>
/// The cluster profile's reactivation: nothing to do at start. Reminders are durable there, and every workflow's
/// keep-alive reminder activates it (on whichever silo owns it) within one keep-alive period.
/// </summary>
internal sealed class ReminderReactivation : IWorkflowReactivation
{
    public Task Completion => Task.CompletedTask;
}
