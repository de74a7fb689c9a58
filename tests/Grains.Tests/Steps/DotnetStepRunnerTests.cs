using Microsoft.Extensions.DependencyInjection;
using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Grains.Steps;

namespace OrleansMaestro.Grains.Tests.Steps;

public class DotnetStepRunnerTests
{
    [Fact]
    public async Task A_loaded_type_runs_with_its_context_and_constructor_services()
    {
        var probe = new StepProbe();
        await using var services = RunnerHost.Build(s => s.AddSingleton(probe));
        var step = new DotnetStep { Id = "probe", Type = typeof(ProbedStep).FullName!, Settings = new Dictionary<string, string> { ["mode"] = "fast" } };
        SnapshotRange[] sources = [new() { Table = "raw.events", FromExclusive = 1, ToInclusive = 2 }];

        var outputs = await services.Runner("dotnet").RunAsync(
            Work.For(step, sources, new Dictionary<string, string> { ["day"] = "monday" }, workflow: "daily", run: 5, attempt: 2), CancellationToken.None);

        var context = Assert.Single(probe.Contexts);
        Assert.Equal(("daily", 5L, "probe", 2), (context.WorkflowId, context.RunNumber, context.StepId, context.Attempt));
        Assert.Equal("monday", context.Parameters["day"]);
        Assert.Equal("fast", context.Settings["mode"]);
        Assert.Equal(2, Assert.Single(context.Sources).ToInclusive);
        Assert.Equal(typeof(ProbedStep).FullName, outputs["type"]);
    }

    [Fact]
    public async Task A_step_that_throws_fails_the_attempt_with_its_message()
    {
        await using var services = RunnerHost.Build(s => s.AddSingleton(new StepProbe()));
        var step = new DotnetStep { Id = "bad", Type = typeof(ProbedStep).FullName!, Settings = new Dictionary<string, string> { ["fail-with"] = "quota exceeded" } };

        var e = await Assert.ThrowsAsync<StepFailedException>(() => services.Runner("dotnet").RunAsync(Work.For(step), CancellationToken.None));

        Assert.Contains("quota exceeded", e.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(e.InnerException);
    }

    [Fact]
    public async Task A_missing_type_is_a_clear_error()
    {
        await using var services = RunnerHost.Build();
        var step = new DotnetStep { Id = "ghost", Type = "Contoso.Steps.DoesNotExist" };

        var e = await Assert.ThrowsAsync<StepFailedException>(() => services.Runner("dotnet").RunAsync(Work.For(step), CancellationToken.None));

        Assert.Contains("'Contoso.Steps.DoesNotExist' was not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_type_that_is_not_a_workflow_step_is_refused()
    {
        await using var services = RunnerHost.Build();
        var step = new DotnetStep { Id = "plain", Type = typeof(NotAStep).FullName! };

        var e = await Assert.ThrowsAsync<StepFailedException>(() => services.Runner("dotnet").RunAsync(Work.For(step), CancellationToken.None));

        Assert.Contains("does not implement OrleansMaestro.Abstractions.Steps.IWorkflowStep", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_assembly_file_is_a_clear_error()
    {
        var folder = Directory.CreateTempSubdirectory("maestro-steps-").FullName;
        try
        {
            await using var services = RunnerHost.Build(s => s.Configure<DotnetStepOptions>(o => o.StepAssemblyDirectory = folder));
            var step = new DotnetStep { Id = "absent", Assembly = "Contoso.Steps.dll", Type = "Contoso.Steps.Notify" };

            var e = await Assert.ThrowsAsync<StepFailedException>(() => services.Runner("dotnet").RunAsync(Work.For(step), CancellationToken.None));

            Assert.Contains(Path.Combine(folder, "Contoso.Steps.dll"), e.Message, StringComparison.Ordinal);
            Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_assembly_file_relative_to_the_step_folder_is_loaded_once_in_its_own_context()
    {
        var assemblyPath = typeof(FileWritingStep).Assembly.Location;
        var folder = Directory.CreateTempSubdirectory("maestro-steps-").FullName;
        try
        {
            await using var services = RunnerHost.Build(s => s.Configure<DotnetStepOptions>(o => o.StepAssemblyDirectory = Path.GetDirectoryName(assemblyPath)));
            var runner = services.Runner("dotnet");
            var outFile = Path.Combine(folder, "out.txt");
            var step = new DotnetStep
            {
                Id = "from-file",
                Assembly = Path.GetFileName(assemblyPath),
                Type = typeof(FileWritingStep).FullName!,
                Settings = new Dictionary<string, string> { ["out"] = outFile },
            };

            await runner.RunAsync(Work.For(step, workflow: "wf", run: 9, attempt: 1), CancellationToken.None);
            Assert.Equal("wf/9/from-file#1", File.ReadAllText(outFile));

            await runner.RunAsync(Work.For(step, workflow: "wf", run: 10, attempt: 1), CancellationToken.None);
            Assert.Equal("wf/10/from-file#1", File.ReadAllText(outFile));

            // Loaded from the file into a step load context (not the test's own copy), and only once for both runs.
            var contexts = System.Runtime.Loader.AssemblyLoadContext.All.Where(c => c.Name == $"maestro-step:{Path.GetFileName(assemblyPath)}").ToArray();
            Assert.Single(contexts);
            Assert.Contains(contexts[0].Assemblies, a => a.GetName().Name == "OrleansMaestro.Grains.Tests");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
