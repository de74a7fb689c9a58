using System.Text.RegularExpressions;
using Cronos;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Checks a definition and names every problem by its JSON path (e.g. <c>steps[2].dependsOn[0]</c>): ids, duplicate
/// steps, unknown dependencies, cycles, tables, cron expressions, SQL targets. All errors are collected, not just the first.
/// </summary>
public static partial class WorkflowValidator
{
    /// <param name="definition">The definition to check.</param>
    /// <param name="tableExists">Whether a <c>namespace.table</c> exists; null skips the existence checks.</param>
    public static IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition, Func<string, bool>? tableExists = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = new List<DefinitionError>();
        if (string.IsNullOrEmpty(definition.Id) || !WorkflowId().IsMatch(definition.Id))
        {
            errors.Add(new("id", $"'{definition.Id}' is not a workflow id: letters, digits, '.', '_' and '-', starting with a letter or digit."));
        }

        var produced = definition.Steps.OfType<SqlStep>().Select(s => s.Target).ToHashSet(StringComparer.Ordinal);
        ValidateTriggers(definition, tableExists, produced, errors);
        ValidateSteps(definition, tableExists, produced, errors);
        if (definition.Strategy.Kind == RunStrategyKind.Parallel && definition.Strategy.MaxParallel < 1)
        {
            errors.Add(new("strategy.maxParallel", "must be at least 1."));
        }

        if (definition.RunTimeout is { } timeout && timeout <= TimeSpan.Zero)
        {
            errors.Add(new("runTimeout", "must be positive."));
        }

        if (definition.StepConcurrency < 0)
        {
            errors.Add(new("stepConcurrency", "must be 0 (no limit) or more."));
        }

        ValidateRetry("retry", definition.Retry, errors);
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Parameters.Count; i++)
        {
            if (!names.Add(definition.Parameters[i].Name))
            {
                errors.Add(new($"parameters[{i}].name", $"duplicate parameter '{definition.Parameters[i].Name}'."));
            }
        }

        return errors;
    }

    public static void ThrowIfInvalid(WorkflowDefinition definition, Func<string, bool>? tableExists = null)
    {
        var errors = Validate(definition, tableExists);
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(errors);
        }
    }

    private static void ValidateTriggers(WorkflowDefinition definition, Func<string, bool>? tableExists, HashSet<string> produced, List<DefinitionError> errors)
    {
        for (var i = 0; i < definition.Triggers.Count; i++)
        {
            var path = $"triggers[{i}]";
            switch (definition.Triggers[i])
            {
                case TableTrigger { Tables.Count: 0 }:
                    errors.Add(new($"{path}.tables", "a table trigger needs at least one table."));
                    break;
                case TableTrigger table:
                    for (var t = 0; t < table.Tables.Count; t++)
                    {
                        CheckTable($"{path}.tables[{t}]", table.Tables[t], tableExists, produced, errors);
                    }

                    break;
                case CronTrigger cron:
                    CheckCron(path, cron, errors);
                    break;
            }
        }
    }

    private static void ValidateSteps(WorkflowDefinition definition, Func<string, bool>? tableExists, HashSet<string> produced, List<DefinitionError> errors)
    {
        if (definition.Steps.Count == 0)
        {
            errors.Add(new("steps", "a workflow needs at least one step."));
            return;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            var path = $"steps[{i}]";
            if (string.IsNullOrEmpty(step.Id) || !StepId().IsMatch(step.Id))
            {
                errors.Add(new($"{path}.id", $"'{step.Id}' is not a step id: letters, digits, '_' and '-'."));
            }
            else if (!ids.Add(step.Id))
            {
                errors.Add(new($"{path}.id", $"duplicate step id '{step.Id}'."));
            }

            if (step.Timeout is { } timeout && timeout <= TimeSpan.Zero)
            {
                errors.Add(new($"{path}.timeout", "must be positive."));
            }

            if (step.Retry is { } retry)
            {
                ValidateRetry($"{path}.retry", retry, errors);
            }

            ValidateStepType(definition, step, path, tableExists, produced, errors);
        }

        var known = definition.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < definition.Steps.Count; i++)
        {
            var step = definition.Steps[i];
            for (var d = 0; d < step.DependsOn.Count; d++)
            {
                var dependency = step.DependsOn[d];
                if (dependency == step.Id)
                {
                    errors.Add(new($"steps[{i}].dependsOn[{d}]", $"step '{step.Id}' depends on itself."));
                }
                else if (!known.Contains(dependency))
                {
                    errors.Add(new($"steps[{i}].dependsOn[{d}]", $"unknown step '{dependency}'."));
                }
            }
        }

        if (FindCycle(definition.Steps) is { } cycle)
        {
            errors.Add(new("steps", $"the dependencies form a cycle: {string.Join(" -> ", cycle)}."));
        }
    }

    private static void ValidateStepType(WorkflowDefinition definition, StepDefinition step, string path, Func<string, bool>? tableExists, HashSet<string> produced, List<DefinitionError> errors)
    {
        switch (step)
        {
            case SleepStep sleep when sleep.Duration < TimeSpan.Zero:
                errors.Add(new($"{path}.duration", "must not be negative."));
                break;
            case ShellStep shell when string.IsNullOrWhiteSpace(shell.Command):
                errors.Add(new($"{path}.command", "must not be empty."));
                break;
            case HttpStep http:
                if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                {
                    errors.Add(new($"{path}.url", $"'{http.Url}' is not an absolute http or https URL."));
                }

                if (http.ExpectStatus.Any(s => s is < 100 or > 599))
                {
                    errors.Add(new($"{path}.expectStatus", "status codes are 100 to 599."));
                }

                break;
            case SqlStep sql:
                if (string.IsNullOrWhiteSpace(sql.Query))
                {
                    errors.Add(new($"{path}.query", "must not be empty."));
                }

                if (!IsTableName(sql.Target))
                {
                    errors.Add(new($"{path}.target", $"bad SQL target '{sql.Target}': expected namespace.table."));
                }
                else if (definition.SourceTables.Contains(sql.Target, StringComparer.Ordinal) || sql.Inputs.Any(i => i.Table == sql.Target))
                {
                    errors.Add(new($"{path}.target", $"bad SQL target '{sql.Target}': the step reads it, so its own commits would trigger it."));
                }

                for (var i = 0; i < sql.Inputs.Count; i++)
                {
                    CheckTable($"{path}.inputs[{i}].table", sql.Inputs[i].Table, tableExists, produced, errors);
                }

                if (sql.Inputs.Count == 0 && definition.SourceTables.Count == 0)
                {
                    errors.Add(new($"{path}.inputs", "a SQL step without inputs reads the workflow's source tables, but it has no table trigger."));
                }

                if (sql.MaxFilesPerShard is < 1)
                {
                    errors.Add(new($"{path}.maxFilesPerShard", "must be at least 1."));
                }

                break;
            case DotnetStep dotnet when string.IsNullOrWhiteSpace(dotnet.Type):
                errors.Add(new($"{path}.type", "must name a type."));
                break;
        }
    }

    private static void ValidateRetry(string path, RetryPolicy retry, List<DefinitionError> errors)
    {
        if (retry.MaxRetries < 0)
        {
            errors.Add(new($"{path}.maxRetries", "must not be negative."));
        }

        if (retry.InitialBackoff < TimeSpan.Zero || retry.MaxBackoff < TimeSpan.Zero)
        {
            errors.Add(new($"{path}.initialBackoff", "backoffs must not be negative."));
        }

        if (retry.BackoffMultiplier < 1)
        {
            errors.Add(new($"{path}.backoffMultiplier", "must be at least 1."));
        }
    }

    private static void CheckTable(string path, string table, Func<string, bool>? tableExists, HashSet<string> produced, List<DefinitionError> errors)
    {
        if (!IsTableName(table))
        {
            errors.Add(new(path, $"'{table}' is not a table name: expected namespace.table."));
        }
        else if (tableExists is not null && !produced.Contains(table) && !tableExists(table))
        {
            errors.Add(new(path, $"unknown table '{table}'."));
        }
    }

    private static void CheckCron(string path, CronTrigger cron, List<DefinitionError> errors)
    {
        var fields = cron.Cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        try
        {
            CronExpression.Parse(cron.Cron, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException e)
        {
            errors.Add(new($"{path}.cron", $"bad cron expression '{cron.Cron}': {e.Message}"));
        }

        if (cron.TimeZone is { } zone)
        {
            try
            {
                TimeZoneInfo.FindSystemTimeZoneById(zone);
            }
            catch (TimeZoneNotFoundException)
            {
                errors.Add(new($"{path}.timeZone", $"unknown time zone '{zone}'."));
            }
        }
    }

    private static bool IsTableName(string? name) => name is not null && TableName().IsMatch(name);

    /// <summary>A cycle as step ids (first id repeated at the end), or null.</summary>
    private static List<string>? FindCycle(IReadOnlyList<StepDefinition> steps)
    {
        var byId = steps.GroupBy(s => s.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1: on the path, 2: done
        var path = new List<string>();

        List<string>? Visit(string id)
        {
            state[id] = 1;
            path.Add(id);
            foreach (var dependency in byId[id].DependsOn.Where(byId.ContainsKey).Where(d => d != id))
            {
                if (state.GetValueOrDefault(dependency) == 1)
                {
                    return [.. path.Skip(path.IndexOf(dependency)), dependency];
                }

                if (state.GetValueOrDefault(dependency) == 0 && Visit(dependency) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[id] = 2;
            return null;
        }

        foreach (var id in byId.Keys)
        {
            if (state.GetValueOrDefault(id) == 0 && Visit(id) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex WorkflowId();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex StepId();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")]
    private static partial Regex TableName();
}
