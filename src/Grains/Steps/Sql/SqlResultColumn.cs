namespace OrleansMaestro.Grains.Steps.Sql;

/// <summary>A column of a query's result as DuckDB describes it (<c>DESCRIBE</c>'s name and type text, e.g. <c>DECIMAL(18,2)</c>).</summary>
public sealed record SqlResultColumn(string Name, string DuckDbType);
