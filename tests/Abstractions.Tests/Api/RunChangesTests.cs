using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Tests.Api;

public class RunChangesTests
{
    [Fact]
    public void Nothing_changed_is_no_event()
    {
        var run = Run(RunStatus.Running, ("a", RunStatus.Running, 1));

        Assert.Empty(RunChanges.Between(run, run with { Revision = 9 }, 5));
    }

    [Fact]
    public void A_run_that_starts_reports_itself_before_its_first_step()
    {
        var before = Run(RunStatus.Queued, ("a", RunStatus.Created, 0), ("b", RunStatus.Created, 0));
        var after = Run(RunStatus.Running, ("a", RunStatus.Running, 1), ("b", RunStatus.Created, 0));

        var events = RunChanges.Between(before, after, 2);

        Assert.Equal(["run:Running", "step:a:Running:1"], events.Select(Text));
        Assert.Equal([2L, 3L], events.Select(e => e.Sequence));
        Assert.All(events, e => Assert.Same(after, e.Run));
    }

    [Fact]
    public void A_run_that_ends_reports_its_steps_first_so_its_final_status_is_the_last_event()
    {
        var before = Run(RunStatus.Running, ("a", RunStatus.Succeeded, 1), ("b", RunStatus.Running, 1));
        var after = Run(RunStatus.Succeeded, ("a", RunStatus.Succeeded, 1), ("b", RunStatus.Succeeded, 1));

        var events = RunChanges.Between(before, after, 7);

        Assert.Equal(["step:b:Succeeded:1", "run:Succeeded"], events.Select(Text));
        Assert.Equal(8, events[^1].Sequence);
    }

    [Fact]
    public void A_retry_is_a_step_event_even_when_the_status_stayed_running()
    {
        var before = Run(RunStatus.Running, ("a", RunStatus.Running, 1));
        var after = Run(RunStatus.Running, ("a", RunStatus.Running, 2)) with
        {
            Steps = [new StepInfo { StepId = "a", Status = RunStatus.Running, Attempts = 2, Error = "exit 3" }],
        };

        var change = Assert.Single(RunChanges.Between(before, after, 1));

        Assert.Equal("step:a:Running:2", Text(change));
        Assert.Equal("exit 3", change.Error);
    }

    [Fact]
    public void Several_steps_are_reported_in_definition_order_and_a_failed_run_carries_its_error()
    {
        var before = Run(RunStatus.Running, ("a", RunStatus.Running, 1), ("b", RunStatus.Running, 1), ("c", RunStatus.Created, 0));
        var after = Run(RunStatus.Failed, ("a", RunStatus.Succeeded, 1), ("b", RunStatus.Failed, 3), ("c", RunStatus.Created, 0)) with { Error = "step 'b': boom" };

        var events = RunChanges.Between(before, after, 1);

        Assert.Equal(["step:a:Succeeded:1", "step:b:Failed:3", "run:Failed"], events.Select(Text));
        Assert.Equal("step 'b': boom", events[^1].Error);
    }

    [Fact]
    public void A_step_the_earlier_observation_did_not_have_is_reported()
    {
        var before = Run(RunStatus.Queued);
        var after = Run(RunStatus.Queued, ("a", RunStatus.Created, 0));

        Assert.Equal(["step:a:Created:0"], RunChanges.Between(before, after, 1).Select(Text));
    }

    [Fact]
    public void A_snapshot_carries_the_run_as_it_is()
    {
        var run = Run(RunStatus.Queued, ("a", RunStatus.Created, 0));

        var snapshot = RunChanges.Snapshot(run, 1);

        Assert.Equal(RunEventTypes.Snapshot, snapshot.Type);
        Assert.Equal(RunStatus.Queued, snapshot.Status);
        Assert.Null(snapshot.StepId);
        Assert.Same(run, snapshot.Run);
    }

    private static RunInfo Run(RunStatus status, params (string Id, RunStatus Status, int Attempts)[] steps) => new()
    {
        WorkflowId = "w",
        RunNumber = 1,
        Status = status,
        Steps = [.. steps.Select(s => new StepInfo { StepId = s.Id, Status = s.Status, Attempts = s.Attempts })],
    };

    private static string Text(RunEvent e) => e.StepId is null ? $"{e.Type}:{e.Status}" : $"{e.Type}:{e.StepId}:{e.Status}:{e.Attempts}";
}
