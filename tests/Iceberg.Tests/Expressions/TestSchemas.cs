using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Expressions;

internal static class TestSchemas
{
    public static Schema Events { get; } = new(0,
    [
        NestedField.RequiredField(1, "id", PrimitiveType.Long),
        NestedField.OptionalField(2, "category", PrimitiveType.String),
        NestedField.OptionalField(3, "ts", PrimitiveType.Timestamp),
        NestedField.OptionalField(4, "day", PrimitiveType.Date),
        NestedField.OptionalField(5, "price", PrimitiveType.Decimal(9, 2)),
        NestedField.OptionalField(6, "score", PrimitiveType.Double),
        NestedField.OptionalField(7, "count", PrimitiveType.Int),
        NestedField.OptionalField(8, "tags", new ListType(9, PrimitiveType.String, false)),
        NestedField.OptionalField(10, "loc", new StructType([NestedField.OptionalField(11, "city", PrimitiveType.String)])),
    ]);
}
