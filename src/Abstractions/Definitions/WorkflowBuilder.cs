namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Builds a <see cref="WorkflowDefinition"/> in C#, the same thing the JSON form describes:
/// <code>
/// var definition = new WorkflowBuilder("daily-agg")
///     .OnTableCommit("raw.events")
///     .Parallel(3)
///     .Retry(3, TimeSpan.FromSeconds(1))
///     .Sql("agg", "SELECT day, count(*) AS n FROM events GROUP BY day", "agg.daily")
///     .Shell("notify", "echo done", dependsOn: ["agg"])
///     .Build();
/// </code>
/// </summary>
public sealed class WorkflowBuilder
{
    private readonly string _id;
    private readonly List<ParameterDefinition> _parameters = [];
    private readonly List<TriggerDefinition> _triggers = [];
    private readonly List<StepDefinition> _steps = [];
    private string? _description;
    private RunStrategy _strategy = RunStrategy.Sequential;
    private int _stepConcurrency;
    private TimeSpan? _runTimeout;
    private RetryPolicy _retry = RetryPolicy.None;

    public WorkflowBuilder(string id)
    {
        _id = id;
    }

    public WorkflowBuilder Description(string description)
    {
        _description = description;
        return this;
    }

    /// <summary>A run parameter; without <paramref name="defaultValue"/> every manual run must give it.</summary>
    public WorkflowBuilder Parameter(string name, string? defaultValue = null, string? description = null)
    {
        _parameters.Add(new ParameterDefinition { Name = name, Default = defaultValue, Description = description });
        return this;
    }

    /// <summary>Runs when one of <paramref name="tables"/> (<c>namespace.table</c>) commits a snapshot.</summary>
    public WorkflowBuilder OnTableCommit(params IReadOnlyList<string> tables) => Trigger(new TableTrigger { Tables = [.. tables] });

    /// <summary>Runs on a schedule: 5 cron fields, or 6 with seconds first; in UTC unless <paramref name="timeZone"/> is given.</summary>
    public WorkflowBuilder OnCron(string cron, string? timeZone = null) => Trigger(new CronTrigger { Cron = cron, TimeZone = timeZone });

    /// <summary>Documents that the workflow is meant to be started by hand (any workflow can be).</summary>
    public WorkflowBuilder OnManual() => Trigger(new ManualTrigger());

    /// <summary>Runs when the external signal <paramref name="name"/> is posted (e.g. by a Kafka consumer).</summary>
    public WorkflowBuilder OnSignal(string name) => Trigger(new SignalTrigger { Name = name });

    public WorkflowBuilder Trigger(TriggerDefinition trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        _triggers.Add(trigger);
        return this;
    }

    public WorkflowBuilder Strategy(RunStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        _strategy = strategy;
        return this;
    }

    /// <summary>One run at a time; work arriving meanwhile is coalesced into the next run (the default).</summary>
    public WorkflowBuilder Sequential() => Strategy(RunStrategy.Sequential);

    /// <summary>Up to <paramref name="maxParallel"/> runs at once, each over snapshots no other run took.</summary>
    public WorkflowBuilder Parallel(int maxParallel) => Strategy(new RunStrategy { Kind = RunStrategyKind.Parallel, MaxParallel = maxParallel });

    /// <summary>One run at a time; triggers arriving while it runs are dropped.</summary>
    public WorkflowBuilder FirstOnly() => Strategy(new RunStrategy { Kind = RunStrategyKind.FirstOnly });

    /// <summary>A new trigger stops the active run and starts one over everything not yet consumed.</summary>
    public WorkflowBuilder LastOnly() => Strategy(new RunStrategy { Kind = RunStrategyKind.LastOnly });

    /// <summary>How many steps of one run may run at once (0: no limit).</summary>
    public WorkflowBuilder StepConcurrency(int limit)
    {
        _stepConcurrency = limit;
        return this;
    }

    public WorkflowBuilder RunTimeout(TimeSpan timeout)
    {
        _runTimeout = timeout;
        return this;
    }

    /// <summary>The retry policy of steps that do not set their own.</summary>
    public WorkflowBuilder Retry(RetryPolicy retry)
    {
        ArgumentNullException.ThrowIfNull(retry);
        _retry = retry;
        return this;
    }

    /// <summary>Retries failed steps <paramref name="maxRetries"/> times with exponential backoff (defaults: 1s, doubling, at most 1 minute).</summary>
    public WorkflowBuilder Retry(int maxRetries, TimeSpan? initialBackoff = null, double backoffMultiplier = 2, TimeSpan? maxBackoff = null)
    {
        var defaults = new RetryPolicy();
        return Retry(new RetryPolicy
        {
            MaxRetries = maxRetries,
            InitialBackoff = initialBackoff ?? defaults.InitialBackoff,
            BackoffMultiplier = backoffMultiplier,
            MaxBackoff = maxBackoff ?? defaults.MaxBackoff,
        });
    }

    /// <summary>Adds any step; the shortcuts below cover the common fields of each type.</summary>
    public WorkflowBuilder Step(StepDefinition step)
    {
        ArgumentNullException.ThrowIfNull(step);
        _steps.Add(step);
        return this;
    }

    public WorkflowBuilder Noop(string id, IReadOnlyList<string>? dependsOn = null) =>
        Step(new NoopStep { Id = id, DependsOn = dependsOn ?? [] });

    public WorkflowBuilder Sleep(string id, TimeSpan duration, IReadOnlyList<string>? dependsOn = null) =>
        Step(new SleepStep { Id = id, Duration = duration, DependsOn = dependsOn ?? [] });

    public WorkflowBuilder Shell(string id, string command, IReadOnlyList<string>? dependsOn = null) =>
        Step(new ShellStep { Id = id, Command = command, DependsOn = dependsOn ?? [] });

    public WorkflowBuilder Http(string id, string url, string method = "GET", IReadOnlyList<string>? dependsOn = null) =>
        Step(new HttpStep { Id = id, Url = url, Method = method, DependsOn = dependsOn ?? [] });

    /// <summary>A SQL step; without <paramref name="inputs"/> it reads every trigger table incrementally.</summary>
    public WorkflowBuilder Sql(string id, string query, string target, IReadOnlyList<SqlInput>? inputs = null, IReadOnlyList<string>? dependsOn = null) =>
        Step(new SqlStep { Id = id, Query = query, Target = target, Inputs = inputs ?? [], DependsOn = dependsOn ?? [] });

    /// <summary>A step run by the class <paramref name="type"/> (implementing <see cref="Steps.IWorkflowStep"/>).</summary>
    public WorkflowBuilder Dotnet(string id, string type, string? assembly = null, IReadOnlyList<string>? dependsOn = null) =>
        Step(new DotnetStep { Id = id, Type = type, Assembly = assembly, DependsOn = dependsOn ?? [] });

    /// <summary>The definition, validated (tables for form only); throws <see cref="WorkflowDefinitionException"/> naming each problem.</summary>
    public WorkflowDefinition Build()
    {
        var definition = new WorkflowDefinition
        {
            Id = _id,
            Description = _description,
            Parameters = _parameters.ToArray(),
            Triggers = _triggers.ToArray(),
            Strategy = _strategy,
            StepConcurrency = _stepConcurrency,
            RunTimeout = _runTimeout,
            Retry = _retry,
            Steps = _steps.ToArray(),
        };
        WorkflowValidator.ThrowIfInvalid(definition);
        return definition;
    }
}
