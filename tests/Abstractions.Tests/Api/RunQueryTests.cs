using OrleansMaestro.Abstractions.Api;
using OrleansMaestro.Abstractions.Runs;

namespace OrleansMaestro.Abstractions.Tests.Api;

public class RunQueryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void A_limit_outside_1_to_1000_is_refused_naming_limit(int limit)
    {
        var error = Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RunQuery { Limit = limit }.ThrowIfInvalid());

        Assert.Equal("limit", error.ParamName);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void Limits_at_the_bounds_are_fine(int limit) => new RunQuery { Limit = limit }.ThrowIfInvalid();

    [Fact]
    public void Until_must_be_after_since()
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new RunQuery { Since = T0, Until = T0 }.ThrowIfInvalid());

        Assert.Equal("until", error.ParamName);
        new RunQuery { Since = T0, Until = T0.AddTicks(1) }.ThrowIfInvalid();
    }

    [Fact]
    public void Filters_are_status_workflow_and_a_half_open_creation_window()
    {
        var query = new RunQuery { WorkflowId = "w", Status = RunStatus.Failed, Since = T0, Until = T0.AddMinutes(1) };

        Assert.True(query.Matches(Run("w", 1, RunStatus.Failed, T0)));
        Assert.True(query.Matches(Run("w", 1, RunStatus.Failed, T0.AddSeconds(59))));
        Assert.False(query.Matches(Run("w", 1, RunStatus.Failed, T0.AddMinutes(1))));
        Assert.False(query.Matches(Run("w", 1, RunStatus.Failed, T0.AddTicks(-1))));
        Assert.False(query.Matches(Run("w", 1, RunStatus.Succeeded, T0)));
        Assert.False(query.Matches(Run("v", 1, RunStatus.Failed, T0)));
        Assert.True(new RunQuery().Matches(Run("any", 3, RunStatus.Queued, default)));
    }

    [Fact]
    public void Newest_first_orders_by_creation_then_workflow_then_run_number()
    {
        RunInfo[] runs =
        [
            Run("b", 1, RunStatus.Succeeded, T0),
            Run("a", 2, RunStatus.Succeeded, T0.AddSeconds(1)),
            Run("a", 1, RunStatus.Succeeded, T0),
            Run("a", 3, RunStatus.Succeeded, T0),
        ];

        Assert.Equal(["a/2", "a/3", "a/1", "b/1"], runs.Order(RunQuery.NewestFirst).Select(r => $"{r.WorkflowId}/{r.RunNumber}"));
    }

    private static RunInfo Run(string workflow, long number, RunStatus status, DateTimeOffset createdAt) =>
        new() { WorkflowId = workflow, RunNumber = number, Status = status, CreatedAt = createdAt };
}
