using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Abstractions.Steps;

namespace OrleansMaestro.Grains.Steps;

/// <summary>
/// Runs <see cref="DotnetStep"/>: loads the assembly (cached, see <see cref="StepAssemblyCache"/>) or, without one,
/// searches the assemblies already loaded; checks the type implements <see cref="IWorkflowStep"/>; creates one
/// instance per attempt with <see cref="ActivatorUtilities"/> (so a step may take silo services such as loggers in its
/// constructor); and calls <see cref="IWorkflowStep.ExecuteAsync"/>. Anything the step throws fails the attempt.
/// </summary>
public sealed class DotnetStepRunner : IStepRunner
{
    private readonly IServiceProvider _services;
    private readonly StepAssemblyCache _assemblies;
    private readonly DotnetStepOptions _options;
    private readonly ILogger<DotnetStepRunner> _logger;

    public DotnetStepRunner(IServiceProvider services, StepAssemblyCache assemblies, IOptions<DotnetStepOptions> options, ILogger<DotnetStepRunner> logger)
    {
        _services = services;
        _assemblies = assemblies;
        _options = options.Value;
        _logger = logger;
    }

    public string StepType => "dotnet";

    public async Task<IReadOnlyDictionary<string, string>> RunAsync(StepWork work, CancellationToken cancellationToken)
    {
        var step = work.StepAs<DotnetStep>();
        cancellationToken.ThrowIfCancellationRequested();
        var type = ResolveType(step);
        var instance = CreateInstance(step, type);
        var context = new StepContext
        {
            WorkflowId = work.WorkflowId,
            RunNumber = work.RunNumber,
            StepId = step.Id,
            Attempt = work.Attempt,
            Parameters = work.Parameters,
            Sources = work.Sources,
            Settings = step.Settings,
        };

        _logger.LogInformation("Step {Work} runs {Type}", work.Describe(), type.FullName);
        try
        {
            await instance.ExecuteAsync(context, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is not StepFailedException)
        {
            throw new StepFailedException($"Dotnet step '{step.Id}' ({type.FullName}) failed: {e.GetType().Name}: {e.Message}", e);
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }

        return new Dictionary<string, string> { ["type"] = type.FullName ?? type.Name };
    }

    private Type ResolveType(DotnetStep step)
    {
        if (string.IsNullOrWhiteSpace(step.Type))
        {
            throw new StepFailedException($"Dotnet step '{step.Id}' names no type.");
        }

        Type? type;
        string searched;
        if (string.IsNullOrWhiteSpace(step.Assembly))
        {
            type = Type.GetType(step.Type, throwOnError: false)
                ?? AppDomain.CurrentDomain.GetAssemblies()
                    .Where(a => !a.IsDynamic)
                    .Select(a => a.GetType(step.Type, throwOnError: false))
                    .FirstOrDefault(t => t is not null);
            searched = "the assemblies loaded in the silo (the step names no assembly)";
        }
        else
        {
            var path = Path.GetFullPath(step.Assembly, _options.StepAssemblyDirectory ?? AppContext.BaseDirectory);
            Assembly assembly;
            try
            {
                assembly = _assemblies.Load(path);
            }
            catch (FileNotFoundException e)
            {
                throw new StepFailedException(
                    $"Dotnet step '{step.Id}': assembly file '{path}' does not exist (relative paths resolve against '{_options.StepAssemblyDirectory ?? AppContext.BaseDirectory}').", e);
            }
            catch (BadImageFormatException e)
            {
                throw new StepFailedException($"Dotnet step '{step.Id}': '{path}' is not a .NET assembly: {e.Message}", e);
            }
            catch (FileLoadException e)
            {
                throw new StepFailedException($"Dotnet step '{step.Id}': assembly '{path}' could not be loaded: {e.Message}", e);
            }

            type = assembly.GetType(step.Type, throwOnError: false);
            searched = $"assembly '{path}'";
        }

        if (type is null)
        {
            throw new StepFailedException($"Dotnet step '{step.Id}': type '{step.Type}' was not found in {searched}. Give the full name, namespace included.");
        }

        if (!typeof(IWorkflowStep).IsAssignableFrom(type))
        {
            throw new StepFailedException($"Dotnet step '{step.Id}': type '{type.FullName}' does not implement {typeof(IWorkflowStep).FullName}.");
        }

        if (type.IsAbstract || type.IsGenericTypeDefinition)
        {
            throw new StepFailedException($"Dotnet step '{step.Id}': type '{type.FullName}' is abstract or an open generic type and cannot be created.");
        }

        return type;
    }

    private IWorkflowStep CreateInstance(DotnetStep step, Type type)
    {
        try
        {
            return (IWorkflowStep)ActivatorUtilities.CreateInstance(_services, type);
        }
        catch (Exception e) when (e is InvalidOperationException or MissingMethodException or TargetInvocationException)
        {
            var reason = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
            throw new StepFailedException($"Dotnet step '{step.Id}': could not create '{type.FullName}': {reason}", e);
        }
    }
}
