namespace OrleansMaestro.Iceberg.Spec;

/// <summary>Summary of one partition field over the files of a manifest (manifest list field 507).</summary>
public sealed record FieldSummary(bool ContainsNull, bool? ContainsNan, byte[]? LowerBound, byte[]? UpperBound);
