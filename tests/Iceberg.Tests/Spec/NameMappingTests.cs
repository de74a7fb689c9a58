using OrleansMaestro.Iceberg.Spec;

namespace OrleansMaestro.Iceberg.Tests.Spec;

public class NameMappingTests
{
    [Fact]
    public void Parses_the_specs_example_with_aliases_and_nested_fields()
    {
        var mapping = NameMapping.Parse("""
            [ { "field-id": 1, "names": ["id", "record_id"] },
               { "field-id": 2, "names": ["data"] },
               { "field-id": 3, "names": ["location"], "fields": [
                   { "field-id": 4, "names": ["latitude", "lat"] },
                   { "field-id": 5, "names": ["longitude", "long"] }
                 ] },
               { "names": ["only_in_files"] } ]
            """);

        Assert.Equal(["id", "record_id"], mapping.ById(1)!.Names);
        Assert.Null(mapping.ById(2)!.Nested);
        Assert.Equal(["longitude", "long"], mapping.NestedOf(3).ById(5)!.Names);
        Assert.Null(mapping.ById(4));
        Assert.Empty(mapping.NestedOf(2).Fields);
        Assert.Null(mapping.Fields[3].FieldId);
    }

    [Fact]
    public void Comes_from_the_default_table_property_and_errors_name_it()
    {
        Assert.Null(NameMapping.FromTableProperties(new Dictionary<string, string>()));
        var mapping = NameMapping.FromTableProperties(new Dictionary<string, string> { [NameMapping.DefaultProperty] = """[{"field-id": 7, "names": []}]""" });
        Assert.Empty(mapping!.ById(7)!.Names);

        foreach (var bad in new[] { "{", """{"field-id": 1}""", """[{"field-id": 1}]""", """[{"field-id": "x", "names": []}]""" })
        {
            var e = Assert.Throws<InvalidDataException>(() => NameMapping.Parse(bad));
            Assert.Contains(NameMapping.DefaultProperty, e.Message, StringComparison.Ordinal);
        }
    }
}
