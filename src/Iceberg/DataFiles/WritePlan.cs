using OrleansMaestro.Iceberg.Spec;
using Parquet.Schema;

namespace OrleansMaestro.Iceberg.DataFiles;

/// <summary>Maps an Iceberg schema onto a Parquet.Net schema (spec appendix "Parquet") plus the shredding plan.</summary>
internal sealed class WritePlan
{
    private WritePlan(Schema schema)
    {
        Schema = schema;
        var fields = new List<Field>();
        foreach (var f in schema.Fields)
        {
            var (pf, node) = Build(f, f.Name, parentDefinition: 0, repeatedDepth: 0, underRepeated: false);
            fields.Add(pf);
            Roots.Add(node);
        }

        ParquetSchema = new ParquetSchema(fields);
        foreach (var leaf in Leaves)
        {
            // The shredder computes levels itself; make sure they agree with what Parquet.Net will write.
            var expected = ExpectedMaxDefinition[leaf.FieldId];
            if (leaf.Field.MaxDefinitionLevel != expected)
            {
                throw new InvalidOperationException($"Definition level mismatch for column '{leaf.ColumnName}': planned {expected}, Parquet.Net {leaf.Field.MaxDefinitionLevel}.");
            }
        }
    }

    public Schema Schema { get; }

    public ParquetSchema ParquetSchema { get; }

    public List<WriteNode> Roots { get; } = [];

    public List<LeafWriter> Leaves { get; } = [];

    public List<FooterPatch> Patches { get; } = [];

    private Dictionary<int, int> ExpectedMaxDefinition { get; } = [];

    public static WritePlan Create(Schema schema) => new(schema);

    private (Field Field, WriteNode Node) Build(NestedField field, string columnName, int parentDefinition, int repeatedDepth, bool underRepeated)
    {
        switch (field.Type)
        {
            case PrimitiveType p:
                {
                    Patches.Add(new FooterPatch(field.Name, field.Id, p.TypeId == TypeId.Time));
                    var optional = !field.Required;
                    var df = CreateDataField(field.Name, p, optional);
                    df.FieldId = field.Id;
                    var leaf = CreateLeaf(df, p, field.Id, columnName, collectBounds: !underRepeated);
                    ExpectedMaxDefinition[field.Id] = parentDefinition + (optional ? 1 : 0);
                    var node = new WriteNode
                    {
                        Field = field, ColumnName = columnName, ParentDefinition = parentDefinition, LeafIndex = Leaves.Count, ParquetOptional = optional,
                    };
                    node.Leaves.Add(Leaves.Count);
                    Leaves.Add(leaf);
                    return (df, node);
                }

            case StructType st:
                {
                    Patches.Add(new FooterPatch(field.Name, field.Id, false));
                    var node = new WriteNode { Field = field, ColumnName = columnName, ParentDefinition = parentDefinition, ParquetOptional = true };
                    var children = new List<Field>();
                    foreach (var child in st.Fields)
                    {
                        var (cf, cn) = Build(child, $"{columnName}.{child.Name}", parentDefinition + 1, repeatedDepth, underRepeated);
                        children.Add(cf);
                        node.Children.Add(cn);
                        node.Leaves.AddRange(cn.Leaves);
                    }

                    return (new StructField(field.Name, [.. children]), node);
                }

            case ListType lt:
                {
                    Patches.Add(new FooterPatch(field.Name, field.Id, false));
                    Patches.Add(new FooterPatch(ListField.DefaultContainerName, null, false));
                    var node = new WriteNode
                    {
                        Field = field, ColumnName = columnName, ParentDefinition = parentDefinition, ParquetOptional = true, RepeatedLevel = repeatedDepth + 1,
                    };
                    var (ef, en) = Build(lt.ElementField, $"{columnName}.element", parentDefinition + 2, repeatedDepth + 1, underRepeated: true);
                    node.Children.Add(en);
                    node.Leaves.AddRange(en.Leaves);
                    return (new ListField(field.Name, ef, ListField.DefaultContainerName), node);
                }

            case MapType mt:
                {
                    Patches.Add(new FooterPatch(field.Name, field.Id, false));
                    Patches.Add(new FooterPatch("key_value", null, false));
                    var node = new WriteNode
                    {
                        Field = field, ColumnName = columnName, ParentDefinition = parentDefinition, ParquetOptional = true, RepeatedLevel = repeatedDepth + 1,
                    };
                    var (kf, kn) = Build(mt.KeyField, $"{columnName}.key", parentDefinition + 2, repeatedDepth + 1, underRepeated: true);
                    var (vf, vn) = Build(mt.ValueField, $"{columnName}.value", parentDefinition + 2, repeatedDepth + 1, underRepeated: true);
                    node.Children.Add(kn);
                    node.Children.Add(vn);
                    node.Leaves.AddRange(kn.Leaves);
                    node.Leaves.AddRange(vn.Leaves);
                    return (new MapField(field.Name, kf, vf), node);
                }

            default:
                throw new NotSupportedException($"Cannot write Iceberg type {field.Type} of column '{columnName}' to Parquet.");
        }
    }

    private static DataField CreateDataField(string name, PrimitiveType type, bool optional) => type.TypeId switch
    {
        TypeId.Boolean => new DataField<bool>(name, optional),
        TypeId.Int => new DataField<int>(name, optional),
        TypeId.Long => new DataField<long>(name, optional),
        TypeId.Float => new DataField<float>(name, optional),
        TypeId.Double => new DataField<double>(name, optional),
        // Values are System.Decimal (Iceberg model), so decimal(38,s) holds only what fits in 96 bits (~28-29 digits).
        // Parquet.Net picks INT32 for p<=9, INT64 for p<=18, else FIXED_LEN_BYTE_ARRAY of the minimal length: the spec's mapping.
        TypeId.Decimal => new DecimalDataField(name, ((DecimalType)type).Precision, ((DecimalType)type).Scale, isNullable: optional),
        TypeId.Date => new DataField<DateOnly>(name, optional),
        // TimeDataField(Micros) takes raw int64 micros; the footer patch turns isAdjustedToUTC off as the spec requires.
        TypeId.Time => new TimeDataField(name, TimeUnitPrecision.Micros, isNullable: optional),
        // Not the default DateTimeDataField format (INT96): INT64 TIMESTAMP(MICROS) with the spec's UTC flag.
        TypeId.Timestamp => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: false, unit: DateTimeTimeUnit.Micros, isNullable: optional),
        TypeId.TimestampTz => new DateTimeDataField(name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: optional),
        TypeId.String => new DataField<string>(name, optional),
        TypeId.Uuid => new DataField<Guid>(name, optional),
        // Parquet.Net cannot write FIXED_LEN_BYTE_ARRAY for plain bytes, so fixed[L] is written as BYTE_ARRAY (length checked on write).
        TypeId.Fixed or TypeId.Binary => new DataField<byte[]>(name, optional),
        _ => throw new NotSupportedException($"Cannot write Iceberg type {type} to Parquet."),
    };

    private static LeafWriter CreateLeaf(DataField df, PrimitiveType type, int id, string column, bool collectBounds) => type.TypeId switch
    {
        TypeId.Boolean => new LeafWriter<bool>(df, type, id, column, collectBounds, v => ((bool)v, v)),
        TypeId.Int => new LeafWriter<int>(df, type, id, column, collectBounds, v => ((int)v, v)),
        TypeId.Long => new LeafWriter<long>(df, type, id, column, collectBounds, v => v is int i ? (i, (long)i) : ((long)v, v)),
        TypeId.Float => new LeafWriter<float>(df, type, id, column, collectBounds, v => ((float)v, v)),
        TypeId.Double => new LeafWriter<double>(df, type, id, column, collectBounds, v => v is float f ? (f, (double)f) : ((double)v, v)),
        TypeId.Decimal => new LeafWriter<decimal>(df, type, id, column, collectBounds, v => CheckDecimal((decimal)v, (DecimalType)type, column)),
        TypeId.Date => new LeafWriter<DateOnly>(df, type, id, column, collectBounds, v => ((DateOnly)v, v)),
        TypeId.Time => new LeafWriter<long>(df, type, id, column, collectBounds, v =>
        {
            var micros = Conversions.ToMicrosOfDay((TimeOnly)v);
            return (micros, Conversions.FromMicrosOfDay(micros));
        }),
        TypeId.Timestamp => new LeafWriter<DateTime>(df, type, id, column, collectBounds, v =>
        {
            // Iceberg timestamps are microseconds; drop sub-micro ticks so the bounds equal what is stored.
            var t = (DateTime)v;
            var micros = new DateTime(t.Ticks - (t.Ticks % TimeSpan.TicksPerMicrosecond), DateTimeKind.Unspecified);
            return (micros, micros);
        }),
        TypeId.TimestampTz => new LeafWriter<DateTime>(df, type, id, column, collectBounds, v =>
        {
            var ticks = v is DateTimeOffset o ? o.UtcTicks : ((DateTime)v).Ticks;
            ticks -= ticks % TimeSpan.TicksPerMicrosecond;
            return (new DateTime(ticks, DateTimeKind.Utc), new DateTimeOffset(ticks, TimeSpan.Zero));
        }),
        TypeId.String => new LeafWriter<ReadOnlyMemory<char>>(df, type, id, column, collectBounds, v => (((string)v).AsMemory(), v)),
        TypeId.Uuid => new LeafWriter<Guid>(df, type, id, column, collectBounds, v => ((Guid)v, v)),
        TypeId.Fixed => new LeafWriter<ReadOnlyMemory<byte>>(df, type, id, column, collectBounds, v =>
        {
            var b = (byte[])v;
            var length = ((FixedType)type).Length;
            return b.Length == length ? (b, b) : throw new ArgumentException($"Column '{column}' is {type} but a value has {b.Length} bytes.");
        }),
        TypeId.Binary => new LeafWriter<ReadOnlyMemory<byte>>(df, type, id, column, collectBounds, v => ((byte[])v, v)),
        _ => throw new NotSupportedException($"Cannot write Iceberg type {type} to Parquet."),
    };

    private static (decimal, object) CheckDecimal(decimal value, DecimalType type, string column)
    {
        var unscaled = Conversions.UnscaledValue(value, type.Scale);
        if (System.Numerics.BigInteger.Abs(unscaled).ToString(System.Globalization.CultureInfo.InvariantCulture).Length > type.Precision)
        {
            throw new ArgumentException($"Column '{column}' is {type} but value {value} does not fit.");
        }

        // Normalize to the column scale so equal values serialize to equal bounds.
        var normalized = Conversions.DecimalFromUnscaled(unscaled, type.Scale);
        return (normalized, normalized);
    }
}
