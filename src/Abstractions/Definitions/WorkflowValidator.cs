using System.Text.RegularExpressions;

namespace OrleansMaestro.Abstractions.Definitions;

/// <summary>
/// Checks what the JSON shape cannot: ids, the DAG, tables, cron expressions, SQL targets, limits. Every problem is
/// reported (not just the first), each with the JSON path of its field, e.g. <c>steps[2].dependsOn[0]</c>.
/// </summary>
public static partial class WorkflowValidator
{
    /// <summary>
    /// The problems of <paramref name="definition"/>; empty when it is valid. <paramref name="tableExists"/> (given
    /// <c>namespace.table</c>) is asked about trigger tables and SQL inputs; without it tables are checked for form only.
    /// </summary>
    public static IReadOnlyList<DefinitionError> Validate(WorkflowDefinition definition, Func<string, bool>? tableExists = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var v = new Validation(definition, tableExists);
        v.Run();
        return v.Errors;
    }

    /// <summary>Throws <see cref="WorkflowDefinitionException"/> with every problem when <paramref name="definition"/> is not valid.</summary>
    public static void ThrowIfInvalid(WorkflowDefinition definition, Func<string, bool>? tableExists = null)
    {
        var errors = Validate(definition, tableExists);
        if (errors.Count > 0)
        {
            throw new WorkflowDefinitionException(errors);
        }
    }

    /// <summary>
    /// Whether <paramref name="name"/> can name an external signal: 1 to 128 letters, digits, '.', '_' or '-', starting
    /// with a letter or digit (so it is one URL path segment, never <c>.</c> or <c>..</c>).
    /// </summary>
    public static bool IsSignalName(string? name) => name is not null && SignalNamePattern().IsMatch(name);

    /// <summary>Throws <see cref="ArgumentException"/> (parameter <c>signal</c>) when <paramref name="name"/> cannot name a signal.</summary>
    public static void ThrowIfNotSignalName(string? name)
    {
        if (!IsSignalName(name))
        {
            throw new Grains.InvalidFieldException($"'{name}' is not a signal name: {SignalNameRule}", "signal");
        }
    }

    internal const string SignalNameRule = "1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    internal static partial Regex WorkflowIdPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SignalNamePattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex StepIdPattern();

    /// <summary>SQL view names, parameter and environment variable names.</summary>
    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    internal static partial Regex IdentifierPattern();

    /// <summary><c>namespace.table</c>, the namespace possibly of several levels; each level an identifier.</summary>
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$", RegexOptions.CultureInvariant)]
    internal static partial Regex TableNamePattern();

    /// <summary>An HTTP token (RFC 9110): methods and header names.</summary>
    [GeneratedRegex(@"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$", RegexOptions.CultureInvariant)]
    internal static partial Regex HttpTokenPattern();

    private sealed class Validation(WorkflowDefinition definition, Func<string, bool>? tableExists)
    {
        private readonly Dictionary<string, bool> _exists = new(StringComparer.Ordinal);
        private HashSet<string> _sqlTargets = new(StringComparer.Ordinal);
        private HashSet<string> _sourceTables = new(StringComparer.Ordinal);

        public List<DefinitionError> Errors { get; } = [];

        public void Run()
        {
            if (string.IsNullOrWhiteSpace(definition.Id))
            {
                Add("id", "required: the workflow's id.");
            }
            else if (!WorkflowIdPattern().IsMatch(definition.Id))
            {
                Add("id", $"'{definition.Id}' is not a workflow id: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit.");
            }

            var steps = definition.Steps ?? [];
            _sqlTargets = steps.OfType<SqlStep>().Select(s => s.Target).Where(t => t is not null).ToHashSet(StringComparer.Ordinal);
            _sourceTables = (definition.Triggers ?? []).OfType<TableTrigger>().SelectMany(t => t.Tables ?? []).Where(t => t is not null).ToHashSet(StringComparer.Ordinal);

            Parameters(definition.Parameters);
            Triggers(definition.Triggers);
            Strategy(definition.Strategy);
            if (definition.StepConcurrency < 0)
            {
                Add("stepConcurrency", $"must be 0 (no limit) or more, not {definition.StepConcurrency}.");
            }

            Positive("runTimeout", definition.RunTimeout);
            Retry("retry", definition.Retry);
            Steps(definition.Steps);
        }

        private void Add(string path, string message) => Errors.Add(new DefinitionError(path, message));

        private void Parameters(IReadOnlyList<ParameterDefinition>? parameters)
        {
            if (parameters is null)
            {
                Add("parameters", "must be a list, not null.");
                return;
            }

            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < parameters.Count; i++)
            {
                var path = $"parameters[{i}]";
                if (parameters[i] is not { } parameter)
                {
                    Add(path, "must be a parameter, not null.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(parameter.Name))
                {
                    Add($"{path}.name", "required: the parameter's name.");
                }
                else if (!IdentifierPattern().IsMatch(parameter.Name))
                {
                    Add($"{path}.name", $"'{parameter.Name}' is not a parameter name: letters, digits and '_', not starting with a digit (it becomes the environment variable MAESTRO_PARAM_<name>).");
                }
                else if (!seen.TryAdd(parameter.Name, i))
                {
                    Add($"{path}.name", $"duplicate parameter name '{parameter.Name}' (also parameters[{seen[parameter.Name]}]).");
                }
                else if (parameter.Default is null && AutomaticTrigger() is { } trigger)
                {
                    // Table commits and cron ticks start runs with no values given, so each parameter needs its default.
                    Add($"{path}.default", $"required: '{parameter.Name}' needs a default, because the {trigger} trigger starts runs without parameter values (only manual and signal starts give values).");
                }
            }
        }

        /// <summary>The kind of the first trigger that starts runs by itself (table or cron), if any.</summary>
        private string? AutomaticTrigger()
        {
            foreach (var trigger in definition.Triggers ?? [])
            {
                switch (trigger)
                {
                    case Definitions.TableTrigger:
                        return "table";
                    case Definitions.CronTrigger:
                        return "cron";
                }
            }

            return null;
        }

        private void Triggers(IReadOnlyList<TriggerDefinition>? triggers)
        {
            if (triggers is null)
            {
                Add("triggers", "must be a list, not null.");
                return;
            }

            // Signal name -> index of the first trigger on it.
            var signals = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < triggers.Count; i++)
            {
                var path = $"triggers[{i}]";
                switch (triggers[i])
                {
                    case null:
                        Add(path, "must be a trigger, not null.");
                        break;
                    case TableTrigger table:
                        TableTrigger(path, table);
                        break;
                    case CronTrigger cron:
                        CronTrigger(path, cron);
                        break;
                    case ManualTrigger:
                        break;
                    case SignalTrigger signal:
                        SignalTrigger(path, i, signal, signals);
                        break;
                    default:
                        Add($"{path}.type", $"unsupported trigger type {triggers[i].GetType().Name}: expected table, cron, manual or signal.");
                        break;
                }
            }
        }

        private void TableTrigger(string path, TableTrigger trigger)
        {
            if (trigger.Tables is not { Count: > 0 } tables)
            {
                Add($"{path}.tables", "a table trigger needs at least one table (namespace.table).");
                return;
            }

            for (var j = 0; j < tables.Count; j++)
            {
                Table($"{path}.tables[{j}]", tables[j], checkExists: true);
            }
        }

        private void SignalTrigger(string path, int index, SignalTrigger trigger, Dictionary<string, int> signals)
        {
            if (string.IsNullOrWhiteSpace(trigger.Name))
            {
                Add($"{path}.name", "required: the name of the signal, e.g. \"orders-arrived\".");
            }
            else if (!IsSignalName(trigger.Name))
            {
                Add($"{path}.name", $"'{trigger.Name}' is not a signal name: {SignalNameRule}");
            }
            else if (!signals.TryAdd(trigger.Name, index))
            {
                Add($"{path}.name", $"duplicate signal trigger '{trigger.Name}' (also triggers[{signals[trigger.Name]}]).");
            }
        }

        private void CronTrigger(string path, CronTrigger trigger)
        {
            if (string.IsNullOrWhiteSpace(trigger.Cron))
            {
                Add($"{path}.cron", "required: a cron expression such as \"*/5 * * * *\".");
            }
            else if (!CronExpressions.TryParse(trigger.Cron, out _, out var error))
            {
                Add($"{path}.cron", $"'{trigger.Cron}' is not a cron expression: {error}");
            }

            if (trigger.TimeZone is { } zone)
            {
                if (string.IsNullOrWhiteSpace(zone))
                {
                    Add($"{path}.timeZone", "must be a time zone id such as \"Europe/Amsterdam\" or \"UTC\", or left out for UTC.");
                }
                else
                {
                    try
                    {
                        TimeZoneInfo.FindSystemTimeZoneById(zone);
                    }
                    catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
                    {
                        Add($"{path}.timeZone", $"unknown time zone '{zone}': expected an IANA or Windows id such as \"Europe/Amsterdam\" or \"UTC\".");
                    }
                }
            }
        }

        private void Strategy(RunStrategy? strategy)
        {
            if (strategy is null)
            {
                Add("strategy", "required: a run strategy, e.g. {\"kind\": \"sequential\"}.");
                return;
            }

            if (!Enum.IsDefined(strategy.Kind))
            {
                Add("strategy.kind", $"unknown run strategy {(int)strategy.Kind}: expected sequential, parallel, firstOnly or lastOnly.");
            }
            else if (strategy.Kind == RunStrategyKind.Parallel && strategy.MaxParallel < 1)
            {
                Add("strategy.maxParallel", $"a parallel strategy needs maxParallel of at least 1, not {strategy.MaxParallel}.");
            }
        }

        private void Retry(string path, RetryPolicy? retry)
        {
            if (retry is null)
            {
                Add(path, "must be a retry policy, not null.");
                return;
            }

            if (retry.MaxRetries < 0)
            {
                Add($"{path}.maxRetries", $"must be 0 (no retry) or more, not {retry.MaxRetries}.");
            }

            Positive($"{path}.initialBackoff", retry.InitialBackoff);
            Positive($"{path}.maxBackoff", retry.MaxBackoff);
            if (retry.InitialBackoff > TimeSpan.Zero && retry.MaxBackoff > TimeSpan.Zero && retry.MaxBackoff < retry.InitialBackoff)
            {
                Add($"{path}.maxBackoff", $"must be at least initialBackoff ({retry.InitialBackoff:c}), not {retry.MaxBackoff:c}.");
            }

            // "not >= 1" also catches NaN.
            if (!(retry.BackoffMultiplier >= 1) || double.IsInfinity(retry.BackoffMultiplier))
            {
                Add($"{path}.backoffMultiplier", $"must be a number of at least 1 (1: constant backoff), not {retry.BackoffMultiplier}.");
            }
        }

        private void Positive(string path, TimeSpan? value)
        {
            if (value is { } v && v <= TimeSpan.Zero)
            {
                Add(path, $"must be a positive duration, not {v:c}.");
            }
        }

        private void Steps(IReadOnlyList<StepDefinition>? steps)
        {
            if (steps is null || steps.Count == 0)
            {
                Add("steps", "a workflow needs at least one step.");
                return;
            }

            // Step id -> index of its first definition; later duplicates are reported and left out of the DAG.
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < steps.Count; i++)
            {
                var path = $"steps[{i}]";
                if (steps[i] is not { } step)
                {
                    Add(path, "must be a step, not null.");
                    continue;
                }

                if (string.IsNullOrWhiteSpace(step.Id))
                {
                    Add($"{path}.id", "required: the step's id.");
                }
                else if (!StepIdPattern().IsMatch(step.Id))
                {
                    Add($"{path}.id", $"'{step.Id}' is not a step id: letters, digits, '_' and '-', starting with a letter or digit.");
                }
                else if (!index.TryAdd(step.Id, i))
                {
                    Add($"{path}.id", $"duplicate step id '{step.Id}' (also steps[{index[step.Id]}]).");
                }
            }

            var edges = new List<(int Dependency, int Position)>[steps.Count];
            for (var i = 0; i < steps.Count; i++)
            {
                edges[i] = [];
                if (steps[i] is not { } step)
                {
                    continue;
                }

                var path = $"steps[{i}]";
                Dependencies(path, step, index, edges[i]);
                Positive($"{path}.timeout", step.Timeout);
                if (step.Retry is not null)
                {
                    Retry($"{path}.retry", step.Retry);
                }

                switch (step)
                {
                    case NoopStep:
                        break;
                    case SleepStep sleep when sleep.Duration < TimeSpan.Zero:
                        Add($"{path}.duration", $"must not be negative, not {sleep.Duration:c}.");
                        break;
                    case SleepStep:
                        break;
                    case ShellStep shell:
                        Shell(path, shell);
                        break;
                    case HttpStep http:
                        Http(path, http);
                        break;
                    case SqlStep sql:
                        Sql(path, sql);
                        break;
                    case DotnetStep dotnet:
                        Dotnet(path, dotnet);
                        break;
                    default:
                        Add($"{path}.type", $"unsupported step type {step.GetType().Name}: expected noop, sleep, shell, http, sql or dotnet.");
                        break;
                }
            }

            Cycles(steps, edges);
        }

        private void Dependencies(string path, StepDefinition step, Dictionary<string, int> index, List<(int Dependency, int Position)> edges)
        {
            if (step.DependsOn is null)
            {
                Add($"{path}.dependsOn", "must be a list of step ids, not null.");
                return;
            }

            for (var j = 0; j < step.DependsOn.Count; j++)
            {
                var dependency = step.DependsOn[j];
                var dependencyPath = $"{path}.dependsOn[{j}]";
                if (string.IsNullOrWhiteSpace(dependency))
                {
                    Add(dependencyPath, "must be a step id, not empty.");
                }
                else if (dependency == step.Id)
                {
                    Add(dependencyPath, $"step '{step.Id}' depends on itself.");
                }
                else if (!index.TryGetValue(dependency, out var target))
                {
                    Add(dependencyPath, $"unknown step '{dependency}': no step of this workflow has that id.");
                }
                else
                {
                    edges.Add((target, j));
                }
            }
        }

        // Depth-first search with an explicit stack (a long chain must not overflow the thread's stack). An edge to a
        // step still on the stack closes a cycle; it is reported at the dependsOn entry of that edge.
        private void Cycles(IReadOnlyList<StepDefinition> steps, List<(int Dependency, int Position)>[] edges)
        {
            const int unvisited = 0, onStack = 1, done = 2;
            var state = new int[steps.Count];
            var stack = new List<(int Step, int NextEdge)>();
            for (var start = 0; start < steps.Count; start++)
            {
                if (state[start] != unvisited)
                {
                    continue;
                }

                stack.Add((start, 0));
                state[start] = onStack;
                while (stack.Count > 0)
                {
                    var (step, next) = stack[^1];
                    if (next == edges[step].Count)
                    {
                        state[step] = done;
                        stack.RemoveAt(stack.Count - 1);
                        continue;
                    }

                    stack[^1] = (step, next + 1);
                    var (dependency, position) = edges[step][next];
                    if (state[dependency] == unvisited)
                    {
                        state[dependency] = onStack;
                        stack.Add((dependency, 0));
                    }
                    else if (state[dependency] == onStack)
                    {
                        var from = stack.FindIndex(e => e.Step == dependency);
                        var cycle = stack.Skip(from).Select(e => steps[e.Step].Id).Append(steps[dependency].Id);
                        Add($"steps[{step}].dependsOn[{position}]", $"dependency cycle: {string.Join(" -> ", cycle)} ('a -> b': a depends on b).");
                    }
                }
            }
        }

        private void Shell(string path, ShellStep shell)
        {
            if (string.IsNullOrWhiteSpace(shell.Command))
            {
                Add($"{path}.command", "required: the command to run with /bin/sh -c.");
            }

            if (shell.WorkingDirectory is { } directory && string.IsNullOrWhiteSpace(directory))
            {
                Add($"{path}.workingDirectory", "must be a folder, or left out for the silo's working folder.");
            }

            foreach (var name in (shell.Environment ?? new Dictionary<string, string>()).Keys)
            {
                if (!IdentifierPattern().IsMatch(name))
                {
                    Add($"{path}.environment.{name}", $"'{name}' is not an environment variable name: letters, digits and '_', not starting with a digit.");
                }
            }
        }

        private void Http(string path, HttpStep http)
        {
            if (string.IsNullOrWhiteSpace(http.Url))
            {
                Add($"{path}.url", "required: an absolute http or https URL.");
            }
            else if (!Uri.TryCreate(http.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                Add($"{path}.url", $"'{http.Url}' is not an absolute http or https URL.");
            }

            if (http.Method is null || !HttpTokenPattern().IsMatch(http.Method))
            {
                Add($"{path}.method", $"'{http.Method}' is not an HTTP method such as GET or POST.");
            }

            foreach (var name in (http.Headers ?? new Dictionary<string, string>()).Keys)
            {
                if (!HttpTokenPattern().IsMatch(name))
                {
                    Add($"{path}.headers.{name}", $"'{name}' is not an HTTP header name.");
                }
            }

            var expected = http.ExpectStatus ?? [];
            for (var j = 0; j < expected.Count; j++)
            {
                if (expected[j] is < 100 or > 599)
                {
                    Add($"{path}.expectStatus[{j}]", $"{expected[j]} is not an HTTP status code (100 to 599).");
                }
            }
        }

        private void Sql(string path, SqlStep sql)
        {
            if (string.IsNullOrWhiteSpace(sql.Query))
            {
                Add($"{path}.query", "required: the DuckDB query whose result is appended to the target.");
            }

            var inputs = sql.Inputs ?? [];
            if (string.IsNullOrWhiteSpace(sql.Target))
            {
                Add($"{path}.target", "required: the table (namespace.table) that receives the query's result.");
            }
            else if (!TableNamePattern().IsMatch(sql.Target))
            {
                Add($"{path}.target", $"bad SQL target '{sql.Target}': expected namespace.table, e.g. agg.daily (letters, digits and '_' in each part).");
            }
            else if (inputs.Any(i => i?.Table == sql.Target))
            {
                Add($"{path}.target", $"'{sql.Target}' is also an input of this step: the step would read its own output.");
            }
            else if (_sourceTables.Contains(sql.Target))
            {
                Add($"{path}.target", $"'{sql.Target}' is also a trigger table of this workflow: each run's output would trigger the next run.");
            }

            if (sql.MaxFilesPerShard is < 1)
            {
                Add($"{path}.maxFilesPerShard", $"must be at least 1 (or left out for one shard), not {sql.MaxFilesPerShard}.");
            }

            if (sql.Inputs is null)
            {
                Add($"{path}.inputs", "must be a list, not null.");
                return;
            }

            if (inputs.Count == 0)
            {
                ImplicitInputs(path);
                return;
            }

            var views = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var j = 0; j < inputs.Count; j++)
            {
                var inputPath = $"{path}.inputs[{j}]";
                if (inputs[j] is not { } input)
                {
                    Add(inputPath, "must be an input, not null.");
                    continue;
                }

                // A table another SQL step of this workflow writes is created by that step's first run.
                var tableOk = Table($"{inputPath}.table", input.Table, checkExists: !_sqlTargets.Contains(input.Table ?? ""));
                if (!Enum.IsDefined(input.Mode))
                {
                    Add($"{inputPath}.mode", $"unknown input mode {(int)input.Mode}: expected incremental or full.");
                }

                string view;
                string viewPath;
                if (input.As is not null)
                {
                    (view, viewPath) = (input.As, $"{inputPath}.as");
                    if (!IdentifierPattern().IsMatch(view))
                    {
                        Add(viewPath, $"'{view}' is not a SQL view name: letters, digits and '_', not starting with a digit.");
                        continue;
                    }
                }
                else if (tableOk && input.Table is { } table)
                {
                    (view, viewPath) = (table[(table.LastIndexOf('.') + 1)..], $"{inputPath}.table");
                }
                else
                {
                    continue;
                }

                // DuckDB names are case-insensitive, so Events and events would be the same view.
                if (!views.TryAdd(view, j))
                {
                    Add(viewPath, $"duplicate view name '{view}' (also inputs[{views[view]}]): give one of them another name with \"as\".");
                }
            }
        }

        // Without inputs a SQL step reads every source table incrementally, each as a view named after the table.
        private void ImplicitInputs(string path)
        {
            if (_sourceTables.Count == 0)
            {
                Add($"{path}.inputs", "a SQL step without inputs reads the workflow's trigger tables, but the workflow has no table trigger: list inputs or add a table trigger.");
                return;
            }

            foreach (var clash in _sourceTables.Where(t => TableNamePattern().IsMatch(t))
                         .GroupBy(t => t[(t.LastIndexOf('.') + 1)..], StringComparer.OrdinalIgnoreCase)
                         .Where(g => g.Count() > 1))
            {
                Add($"{path}.inputs", $"the trigger tables {string.Join(" and ", clash)} would all be the view '{clash.Key}': list inputs and name them with \"as\".");
            }
        }

        private void Dotnet(string path, DotnetStep dotnet)
        {
            if (string.IsNullOrWhiteSpace(dotnet.Type))
            {
                Add($"{path}.class", "required: the full name of a class implementing IWorkflowStep, e.g. Contoso.Steps.Notify.");
            }

            if (dotnet.Assembly is { } assembly && string.IsNullOrWhiteSpace(assembly))
            {
                Add($"{path}.assembly", "must be an assembly file, or left out when the class is already loaded.");
            }
        }

        /// <summary>Checks a table name's form and, when asked and possible, that it exists; true when the form is right.</summary>
        private bool Table(string path, string? table, bool checkExists)
        {
            if (string.IsNullOrWhiteSpace(table))
            {
                Add(path, "required: a table as namespace.table.");
                return false;
            }

            if (!TableNamePattern().IsMatch(table))
            {
                Add(path, $"'{table}' is not a table name: expected namespace.table, e.g. raw.events (letters, digits and '_' in each part).");
                return false;
            }

            if (checkExists && tableExists is not null)
            {
                if (!_exists.TryGetValue(table, out var exists))
                {
                    _exists[table] = exists = tableExists(table);
                }

                if (!exists)
                {
                    Add(path, $"unknown table '{table}': it is not in the catalog.");
                }
            }

            return true;
        }
    }
}
