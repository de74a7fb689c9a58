using OrleansMaestro.Abstractions.Definitions;

namespace OrleansMaestro.Abstractions.Tests.Definitions;

public class WorkflowDefinitionTablesTests
{
    [Fact]
    public void Reads_are_the_trigger_tables_and_sql_inputs_writes_the_sql_targets_once_each_in_order()
    {
        var definition = new WorkflowBuilder("w")
            .OnTableCommit("raw.events", "raw.users")
            .OnSignal("go")
            .OnSignal("stop")
            .Sql("a", "SELECT 1 AS one", "agg.a", [new SqlInput { Table = "raw.users" }, new SqlInput { Table = "ref.countries", Mode = SqlInputMode.Full }])
            .Sql("b", "SELECT 1 AS one", "agg.b", [new SqlInput { Table = "agg.a" }], ["a"])
            .Sql("c", "SELECT 1 AS one", "agg.a", [new SqlInput { Table = "raw.events" }])
            .Build();

        Assert.Equal(["raw.events", "raw.users", "ref.countries", "agg.a"], definition.ReadTables);
        Assert.Equal(["agg.a", "agg.b"], definition.WrittenTables);
        Assert.Equal(["go", "stop"], definition.SignalNames);
        Assert.Equal(["go"], (definition with { Triggers = [new SignalTrigger { Name = "go" }, new SignalTrigger { Name = "go" }] }).SignalNames);
    }
}
