using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Cli.Tests;

internal static class TestSchemas
{
    public static Schema Events() => new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "name", PrimitiveType.String),
        NestedField.OptionalField(3, "ts", PrimitiveType.TimestampTz),
        NestedField.OptionalField(4, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.OptionalField(5, "category", PrimitiveType.String),
        NestedField.OptionalField(6, "day", PrimitiveType.Date),
        NestedField.OptionalField(7, "count", PrimitiveType.Int),
    ]);
}
