using OrleansMaestro.Abstractions.Definitions;
using OrleansMaestro.Abstractions.Runs;
using OrleansMaestro.Iceberg.Catalog;
using OrleansMaestro.Iceberg.Scan;
using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>One resolved input of a SQL step: the view name, the table, and the files planned for it from the manifests.</summary>
public sealed record SqlInputPlan(
    string ViewName,
    TableIdentifier Table,
    SqlInputMode Mode,
    Schema Schema,
    IReadOnlyList<FileScanTask> Tasks,
    SnapshotRange? Range);
