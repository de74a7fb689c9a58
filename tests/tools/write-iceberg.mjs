// Writes a complete Iceberg table the way Iceberg Java / Spark lays one out, with libraries that share no code with
// OrleansMaestro: hyparquet-writer (Parquet) and avsc (Avro). The tests read the result with our C# library, to show it
// reads tables written by an independent implementation.
// Usage: node write-iceberg.mjs OUT_TABLE_FOLDER [--location-prefix PREFIX] [--format-version 1|2] [--imported-files] [--gzip-metadata]
//        [--parquet-codec snappy|gzip|brotli|uncompressed]
//   OUT_TABLE_FOLDER: where the files go (created; metadata/ and data/ below it).
//   --location-prefix: the table location written into metadata, manifests and manifest lists, e.g.
//     s3a://warehouse/db/t1 (then upload the folder there) or file:/tmp/t1; default: the folder's absolute path.
//   --format-version: 2 (default) or 1.
//   --imported-files: the first snapshot's data files are imported ones, as Spark's add_files/migrate procedures leave
//     them: Parquet without field ids, without the identity partition column (category: Hive keeps it in the path
//     only), and with the column "name" that the table has since renamed to "customer_name". The table property
//     schema.name-mapping.default maps the files' names to field ids, as those procedures set it.
//   --gzip-metadata: metadata JSON files are gzip-compressed and named *.gz.metadata.json, as Java writes them with
//     write.metadata.compression-codec=gzip.
//   --parquet-codec: the Parquet compression codec (Java's write.parquet.compression-codec); default snappy.
// hyparquet-writer writes DATA_PAGE_V2 pages, also for the list and map columns.
// Format v2 (metastore naming: metadata/00000-<uuid>.metadata.json ...), table partitioned by day(event_ts), category:
//   1 append   two data files
//   2 append   two data files
//   3 overwrite  merge-on-read update, as Spark/Flink write it: one new data file (the new version of id 5), a position
//              delete file (id 2, in the first file) and an equality delete file on id (old id 5, and id 8)
//   4 delete   metadata-only delete of the partition (2024-01-03, a): its manifest is rewritten with the file DELETED
//              and its neighbour EXISTING (explicit sequence numbers)
// Format v1 (Hadoop naming: metadata/v1.metadata.json ... and version-hint.text), as older Java writers did: only
// the deprecated "schema" and "partition-spec" (no field ids) in the metadata, manifests without sequence numbers,
// block_size_in_bytes, snapshot_id required; snapshots 1, 2 as above, then 3 delete as 4 above (v1 has no row deletes).
// Prints one JSON line: the table location, the metadata file of each version and, per snapshot, its id, its
// metadata file, its live data and delete files and its expected rows (after deletes), sorted by id. Values in rows:
// decimals as strings, dates "YYYY-MM-DD", timestamptz as ISO-8601 UTC with 6 fraction digits, NaN as {"$number":"NaN"},
// structs and maps as objects, lists as arrays.
import avro from 'avsc'
import { ByteWriter, ParquetWriter } from 'hyparquet-writer'
import { randomBytes, randomUUID } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { brotliCompressSync, deflateRawSync, gzipSync } from 'node:zlib'

// ---------------------------------------------------------------- arguments

const args = process.argv.slice(2)
const valued = new Set(['--location-prefix', '--format-version', '--parquet-codec'])
const outFolder = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]))
function option(name, fallback) {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : fallback
}
if (!outFolder) {
  console.error('usage: node write-iceberg.mjs OUT_TABLE_FOLDER [--location-prefix PREFIX] [--format-version 1|2] [--imported-files] [--gzip-metadata] [--parquet-codec CODEC]')
  process.exit(2)
}
const root = resolve(outFolder)
const location = option('--location-prefix', root).replace(/\/+$/, '')
const formatVersion = Number(option('--format-version', '2'))
if (formatVersion !== 1 && formatVersion !== 2) {
  console.error(`error: --format-version must be 1 or 2, not ${option('--format-version')}`)
  process.exit(2)
}
const v1 = formatVersion === 1
const importedFiles = args.includes('--imported-files')
const gzipMetadata = args.includes('--gzip-metadata')
const parquetCodec = option('--parquet-codec', 'snappy').toUpperCase()
// hyparquet-writer brings snappy; node's zlib provides the others.
const compressors = { GZIP: input => gzipSync(input), BROTLI: input => brotliCompressSync(input) }
if (!['SNAPPY', 'GZIP', 'BROTLI', 'UNCOMPRESSED'].includes(parquetCodec)) {
  console.error(`error: --parquet-codec must be snappy, gzip, brotli or uncompressed, not ${parquetCodec.toLowerCase()}`)
  process.exit(2)
}

/** Writes a file under the table folder and returns its location as metadata refers to it. */
function put(relativePath, bytes) {
  const path = join(root, relativePath)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, bytes)
  return `${location}/${relativePath}`
}

// ---------------------------------------------------------------- table definition

const schema = {
  type: 'struct',
  'schema-id': 0,
  fields: [
    { id: 1, name: 'id', required: true, type: 'long' },
    { id: 2, name: importedFiles ? 'customer_name' : 'name', required: false, type: 'string' },
    { id: 3, name: 'qty', required: false, type: 'int' },
    { id: 4, name: 'amount', required: false, type: 'double' },
    { id: 5, name: 'price', required: false, type: 'decimal(9, 2)' },
    { id: 6, name: 'total', required: false, type: 'decimal(20, 4)' },
    { id: 7, name: 'event_date', required: false, type: 'date' },
    { id: 8, name: 'event_ts', required: true, type: 'timestamptz' },
    { id: 9, name: 'active', required: false, type: 'boolean' },
    { id: 10, name: 'category', required: true, type: 'string' },
    {
      id: 11, name: 'location', required: false,
      type: { type: 'struct', fields: [{ id: 12, name: 'lat', required: true, type: 'double' }, { id: 13, name: 'lon', required: false, type: 'double' }] },
    },
    { id: 14, name: 'tags', required: false, type: { type: 'list', 'element-id': 15, element: 'string', 'element-required': false } },
    { id: 16, name: 'attrs', required: false, type: { type: 'map', 'key-id': 17, key: 'string', 'value-id': 18, value: 'long', 'value-required': false } },
  ],
}
const LAST_COLUMN_ID = 18
const field = Object.fromEntries(schema.fields.map(f => [f.name, f]))
// Rows below are keyed by these names; the schema's name for field 2 differs with --imported-files.
const ROW_KEYS = { 1: 'id', 2: 'name', 3: 'qty', 4: 'amount', 5: 'price', 6: 'total', 7: 'event_date', 8: 'event_ts', 9: 'active', 10: 'category' }
const keyOf = f => ROW_KEYS[f.id] ?? f.name
const partitionFields = [
  { name: 'event_ts_day', transform: 'day', 'source-id': 8, 'field-id': 1000 },
  { name: 'category', transform: 'identity', 'source-id': 10, 'field-id': 1001 },
]
const tableUuid = randomUUID()

// ---------------------------------------------------------------- values

const MICROS_PER_DAY = 86_400_000_000n

/** Microseconds since the epoch of an ISO-8601 UTC timestamp with up to 6 fraction digits. */
function micros(iso) {
  const m = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d{1,6}))?Z$/.exec(iso)
  return BigInt(Date.parse(`${m[1]}Z`)) * 1000n + BigInt((m[2] ?? '').padEnd(6, '0'))
}

function days(isoDate) {
  return Date.parse(`${isoDate}T00:00:00Z`) / 86_400_000
}

function floorDiv(a, b) {
  const q = a / b
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q
}

function isoDate(dayNumber) {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10)
}

function isoMicros(value) {
  const seconds = floorDiv(value, 1_000_000n)
  const fraction = String(value - seconds * 1_000_000n).padStart(6, '0')
  return `${new Date(Number(seconds) * 1000).toISOString().slice(0, 19)}.${fraction}Z`
}

function decimalText(unscaled, scale) {
  const negative = unscaled < 0n
  const digits = (negative ? -unscaled : unscaled).toString().padStart(scale + 1, '0')
  return `${negative ? '-' : ''}${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`
}

/** A row: unscaled bigints for decimals, day numbers for dates, bigint microseconds for timestamps. */
function row(id, name, qty, amount, price, total, eventDate, eventTs, active, category) {
  return {
    id: BigInt(id), name, qty, amount,
    price: price === null ? null : BigInt(price),
    total: total === null ? null : BigInt(total),
    event_date: eventDate === null ? null : days(eventDate),
    event_ts: micros(eventTs),
    active, category,
  }
}

const LONG_NAME = 'a name well over sixteen characters, so bounds are truncated'
const rows = {
  1: row(1, 'one', 10, 1.5, 1999, 1234567, '2024-01-01', '2024-01-01T08:00:00.000001Z', true, 'a'),
  2: row(2, 'two', null, -2.25, 250, null, '2024-01-01', '2024-01-01T12:30:15.5Z', false, 'a'),
  3: row(3, LONG_NAME, 30, 3e10, -1, '-99999999999999999999', null, '2024-01-01T23:59:59.999999Z', null, 'a'),
  4: row(4, null, 40, 0.1, 99999999, '12345678901234567890', '2024-01-02', '2024-01-02T00:00:00Z', true, 'b'),
  5: row(5, 'five', 50, 5.5, 550, 55000, '2024-01-02', '2024-01-02T06:00:00.25Z', false, 'b'),
  6: row(6, 'six', 60, NaN, null, 600, '2024-01-02', '2024-01-02T18:00:00Z', true, 'b'),
  7: row(7, 'seven', -7, 7.125, 700, 70000, '2024-01-02', '2024-01-02T19:00:00.123456Z', false, 'b'),
  8: row(8, 'eight', 8, 8.875, 800, 80000, '2023-12-31', '2024-01-02T20:00:00Z', true, 'b'),
  9: row(9, 'nine', 9, -9.5, 900, 90000, '2024-01-03', '2024-01-03T01:02:03.000004Z', true, 'a'),
  10: row(10, 'ten', 10, 10.0, 1000, 100000, '2024-01-03', '2024-01-03T10:00:00Z', null, 'a'),
}
// The updated version of row 5, written by the merge-on-read update of snapshot 3.
const row5Updated = row(5, 'five (updated)', 55, 5.75, 575, 57500, '2024-01-02', '2024-01-02T06:00:00.25Z', true, 'b')
// Nested columns: structs with a null field, lists with a null element, maps with a null value, null and empty ones.
Object.assign(rows[1], { location: { lat: 48.8566, lon: 2.3522 }, tags: ['x', null, 'y'], attrs: { clicks: 3n, views: null } })
Object.assign(rows[2], { location: { lat: -33.9, lon: null }, tags: [], attrs: {} })
Object.assign(rows[3], { location: null, tags: null, attrs: null })
Object.assign(rows[4], { location: { lat: 0, lon: -0.5 }, tags: ['only'], attrs: { a: -1n } })
for (const id of [5, 6, 7, 8, 9, 10]) {
  Object.assign(rows[id], { location: { lat: id + 0.25, lon: -id }, tags: [`t${id}`, `u${id}`], attrs: { n: BigInt(id) } })
}
Object.assign(row5Updated, { location: { lat: 5.5, lon: null }, tags: ['updated'], attrs: { n: 55n, m: null } })

function partitionOf(r) {
  return { event_ts_day: Number(floorDiv(r.event_ts, MICROS_PER_DAY)), category: r.category }
}

function partitionPath(p) {
  return `event_ts_day=${isoDate(p.event_ts_day)}/category=${encodeURIComponent(p.category)}`
}

// ---------------------------------------------------------------- Parquet

const minBytesForPrecision = p => Math.ceil((Math.log2(10 ** p - 1) + 1) / 8)

function decimalShape(type) {
  const m = /^decimal\((\d+),\s*(\d+)\)$/.exec(type)
  return m && { precision: Number(m[1]), scale: Number(m[2]) }
}

/** The Parquet schema element of a primitive Iceberg type (spec appendix A: Parquet). */
function primitiveElement(base, type) {
  const decimal = decimalShape(type)
  if (decimal) {
    const { precision, scale } = decimal
    const physical = precision <= 9 ? { type: 'INT32' }
      : precision <= 18 ? { type: 'INT64' }
        : { type: 'FIXED_LEN_BYTE_ARRAY', type_length: minBytesForPrecision(precision) }
    return { ...base, ...physical, converted_type: 'DECIMAL', precision, scale, logical_type: { type: 'DECIMAL', precision, scale } }
  }
  switch (type) {
    case 'long': return { ...base, type: 'INT64' }
    case 'int': return { ...base, type: 'INT32' }
    case 'double': return { ...base, type: 'DOUBLE' }
    case 'boolean': return { ...base, type: 'BOOLEAN' }
    case 'string': return { ...base, type: 'BYTE_ARRAY', converted_type: 'UTF8', logical_type: { type: 'STRING' } }
    case 'date': return { ...base, type: 'INT32', converted_type: 'DATE', logical_type: { type: 'DATE' } }
    case 'timestamptz':
      return { ...base, type: 'INT64', converted_type: 'TIMESTAMP_MICROS', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MICROS' } }
    default: throw new Error(`no Parquet mapping for ${JSON.stringify(type)}`)
  }
}

/**
 * The Parquet schema elements of an Iceberg field, depth first, with field ids on groups and leaves; lists and maps
 * in the 3-level form with Java's names (list/element, key_value/key/value). Imported files carry no field ids and
 * the columns' names of before the table's renames.
 */
function parquetElements(f, imported, name = imported ? keyOf(f) : f.name) {
  const base = { name, repetition_type: f.required ? 'REQUIRED' : 'OPTIONAL', ...(imported ? {} : { field_id: f.id }) }
  const type = f.type
  if (typeof type === 'string') return [primitiveElement(base, type)]
  if (type.type === 'struct') {
    return [{ ...base, num_children: type.fields.length }, ...type.fields.flatMap(c => parquetElements(c, imported, c.name))]
  }
  if (type.type === 'list') {
    const element = { id: type['element-id'], required: type['element-required'], type: type.element }
    return [
      { ...base, num_children: 1, converted_type: 'LIST', logical_type: { type: 'LIST' } },
      { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
      ...parquetElements(element, imported, 'element'),
    ]
  }
  if (type.type === 'map') {
    const key = { id: type['key-id'], required: true, type: type.key }
    const value = { id: type['value-id'], required: type['value-required'], type: type.value }
    return [
      { ...base, num_children: 1, converted_type: 'MAP', logical_type: { type: 'MAP' } },
      { name: 'key_value', repetition_type: 'REPEATED', num_children: 2 },
      ...parquetElements(key, imported, 'key'),
      ...parquetElements(value, imported, 'value'),
    ]
  }
  throw new Error(`no Parquet mapping for ${JSON.stringify(type)}`)
}

/**
 * The leaf columns of an Iceberg field, in Parquet column order: field id, primitive type, whether the leaf repeats
 * (in a list or map), and its values in a row (one entry per Parquet level entry: a null or empty collection is one null).
 */
function leaves(f) {
  const type = f.type
  const value = r => r[keyOf(f)] ?? null
  if (typeof type === 'string') return [{ id: f.id, type, repeated: false, values: r => [value(r)] }]
  if (type.type === 'struct') {
    return type.fields.map(c => ({ id: c.id, type: c.type, repeated: false, values: r => [value(r) === null ? null : value(r)[c.name] ?? null] }))
  }
  const entries = (r, pick) => {
    const v = value(r)
    const items = v === null ? [] : pick(v)
    return items.length === 0 ? [null] : items
  }
  if (type.type === 'list') return [{ id: type['element-id'], type: type.element, repeated: true, values: r => entries(r, v => v) }]
  return [
    { id: type['key-id'], type: type.key, repeated: true, values: r => entries(r, v => Object.keys(v)) },
    { id: type['value-id'], type: type.value, repeated: true, values: r => entries(r, v => Object.values(v)) },
  ]
}

/** Writes a Parquet file of the given Iceberg fields; returns its bytes, column sizes by leaf field id and split offsets. */
function writeParquet(fields, records, icebergSchemaJson, imported = false) {
  const writer = new ByteWriter()
  const elements = fields.map(f => parquetElements(f, imported))
  const leafIds = fields.flatMap(leaves).map(l => l.id)
  const pq = new ParquetWriter({
    writer,
    schema: [{ name: imported ? 'hive_schema' : 'table', num_children: fields.length }, ...elements.flat()],
    kvMetadata: imported ? undefined : [{ key: 'iceberg.schema', value: icebergSchemaJson }],
    codec: parquetCodec,
    compressors,
    createdBy: 'write-iceberg.mjs (hyparquet-writer)',
  })
  pq.write({ columnData: fields.map((f, i) => ({ name: elements[i][0].name, data: records.map(r => r[keyOf(f)] ?? null) })) })
  pq.finish()
  const bytes = new Uint8Array(writer.getBuffer())
  const columnSizes = new Map()
  const splitOffsets = []
  for (const group of pq.row_groups) {
    const first = group.columns[0]
    splitOffsets.push(BigInt(first.meta_data.dictionary_page_offset ?? first.meta_data.data_page_offset))
    group.columns.forEach((c, i) => {
      columnSizes.set(leafIds[i], (columnSizes.get(leafIds[i]) ?? 0n) + c.meta_data.total_compressed_size)
    })
  }
  return { bytes, columnSizes, splitOffsets }
}

// ---------------------------------------------------------------- single-value serialization (spec appendix D)

const STRING_BOUND_LENGTH = 16 // Java's default metrics mode: truncate(16)

function serialize(type, value) {
  const decimal = decimalShape(type)
  if (decimal) {
    // Two's complement big-endian, minimum number of bytes.
    const bytes = []
    let v = value
    while (true) {
      const byte = Number(v & 0xffn)
      bytes.unshift(byte)
      v >>= 8n
      if ((v === 0n && !(byte & 0x80)) || (v === -1n && (byte & 0x80))) break
    }
    return Buffer.from(bytes)
  }
  const b = Buffer.alloc(8)
  switch (type) {
    case 'boolean': return Buffer.from([value ? 1 : 0])
    case 'int': case 'date': b.writeInt32LE(value); return b.subarray(0, 4)
    case 'long': b.writeBigInt64LE(BigInt(value)); return b
    case 'timestamptz': b.writeBigInt64LE(value); return b
    case 'double': b.writeDoubleLE(value); return b
    case 'string': return Buffer.from(value, 'utf8')
    default: throw new Error(`cannot serialize ${type}`)
  }
}

function compare(type, a, b) {
  if (type === 'string') return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'))
  if (type === 'boolean') return Number(a) - Number(b)
  return a < b ? -1 : a > b ? 1 : 0
}

/** Lower and upper bounds, truncated for strings the way Java does (the upper bound's last code point + 1). */
function bounds(type, values, truncate) {
  const present = values.filter(v => v !== null && !(typeof v === 'number' && Number.isNaN(v)))
  if (present.length === 0) return null
  let lower = present[0]
  let upper = present[0]
  for (const v of present) {
    if (compare(type, v, lower) < 0) lower = v
    if (compare(type, v, upper) > 0) upper = v
  }
  if (type === 'string' && truncate) {
    const lowerPoints = [...lower]
    const upperPoints = [...upper]
    if (lowerPoints.length > STRING_BOUND_LENGTH) lower = lowerPoints.slice(0, STRING_BOUND_LENGTH).join('')
    if (upperPoints.length > STRING_BOUND_LENGTH) {
      const kept = upperPoints.slice(0, STRING_BOUND_LENGTH)
      kept[kept.length - 1] = String.fromCodePoint(kept[kept.length - 1].codePointAt(0) + 1)
      upper = kept.join('')
    }
  }
  return { lower: serialize(type, lower), upper: serialize(type, upper) }
}

/**
 * Column metrics by leaf field id, as Iceberg's Parquet writers put them in manifests: counts for every leaf, bounds
 * for leaves outside lists and maps. String bounds are truncated except in position delete files, whose file_path
 * bounds Java keeps whole so readers can match them to data files.
 */
function metrics(fields, records, columnSizes, truncate = true) {
  const m = { column_sizes: [], value_counts: [], null_value_counts: [], nan_value_counts: [], lower_bounds: [], upper_bounds: [] }
  for (const leaf of fields.flatMap(leaves)) {
    const values = records.flatMap(leaf.values)
    m.column_sizes.push({ key: leaf.id, value: columnSizes.get(leaf.id) })
    m.value_counts.push({ key: leaf.id, value: BigInt(values.length) })
    m.null_value_counts.push({ key: leaf.id, value: BigInt(values.filter(v => v === null).length) })
    if (leaf.type === 'double') {
      m.nan_value_counts.push({ key: leaf.id, value: BigInt(values.filter(v => typeof v === 'number' && Number.isNaN(v)).length) })
    }
    const b = leaf.repeated ? null : bounds(leaf.type, values, truncate)
    if (b) {
      m.lower_bounds.push({ key: leaf.id, value: b.lower })
      m.upper_bounds.push({ key: leaf.id, value: b.upper })
    }
  }
  return m
}

// ---------------------------------------------------------------- Avro (spec appendix A: Avro; names as Java writes them)

// Longs are bigints: snapshot ids use all 63 bits, beyond what a JavaScript number holds.
const bigLong = avro.types.LongType.__with({
  fromBuffer: buf => buf.readBigInt64LE(),
  toBuffer: n => {
    const buf = Buffer.alloc(8)
    buf.writeBigInt64LE(BigInt(n))
    return buf
  },
  fromJSON: BigInt,
  toJSON: Number,
  isValid: n => typeof n === 'bigint',
  compare: (a, b) => (a === b ? 0 : a < b ? -1 : 1),
})

const optional = (name, type, id) => ({ name, type: ['null', type], default: null, 'field-id': id })
const required = (name, type, id) => ({ name, type, 'field-id': id })
const intMap = (keyId, valueId, valueType) => ({
  type: 'array',
  logicalType: 'map',
  items: {
    type: 'record',
    name: `k${keyId}_v${valueId}`,
    fields: [{ name: 'key', type: 'int', 'field-id': keyId }, { name: 'value', type: valueType, 'field-id': valueId }],
  },
})

function partitionAvroType() {
  return {
    type: 'record',
    name: 'r102',
    fields: partitionFields.map(p => optional(p.name, p.transform === 'day' ? { type: 'int', logicalType: 'date' } : 'string', p['field-id'])),
  }
}

function manifestEntryAvroSchema() {
  const dataFile = {
    type: 'record',
    name: 'r2',
    fields: [
      ...(v1 ? [] : [required('content', 'int', 134)]),
      required('file_path', 'string', 100),
      required('file_format', 'string', 101),
      required('partition', partitionAvroType(), 102),
      required('record_count', 'long', 103),
      required('file_size_in_bytes', 'long', 104),
      ...(v1 ? [required('block_size_in_bytes', 'long', 105)] : []),
      optional('column_sizes', intMap(117, 118, 'long'), 108),
      optional('value_counts', intMap(119, 120, 'long'), 109),
      optional('null_value_counts', intMap(121, 122, 'long'), 110),
      optional('nan_value_counts', intMap(138, 139, 'long'), 137),
      optional('lower_bounds', intMap(126, 127, 'bytes'), 125),
      optional('upper_bounds', intMap(129, 130, 'bytes'), 128),
      optional('key_metadata', 'bytes', 131),
      optional('split_offsets', { type: 'array', items: 'long', 'element-id': 133 }, 132),
      ...(v1 ? [] : [optional('equality_ids', { type: 'array', items: 'int', 'element-id': 136 }, 135)]),
      optional('sort_order_id', 'int', 140),
      ...(v1 ? [] : [optional('referenced_data_file', 'string', 143)]),
    ],
  }
  return {
    type: 'record',
    name: 'manifest_entry',
    fields: v1
      ? [required('status', 'int', 0), required('snapshot_id', 'long', 1), required('data_file', dataFile, 2)]
      : [
        required('status', 'int', 0),
        optional('snapshot_id', 'long', 1),
        optional('sequence_number', 'long', 3),
        optional('file_sequence_number', 'long', 4),
        required('data_file', dataFile, 2),
      ],
  }
}

function manifestListAvroSchema() {
  const summary = {
    type: 'array',
    items: {
      type: 'record',
      name: 'r508',
      fields: [
        required('contains_null', 'boolean', 509),
        optional('contains_nan', 'boolean', 518),
        optional('lower_bound', 'bytes', 510),
        optional('upper_bound', 'bytes', 511),
      ],
    },
    'element-id': 508,
  }
  const counts = v1
    ? [
      optional('added_data_files_count', 'int', 504),
      optional('existing_data_files_count', 'int', 505),
      optional('deleted_data_files_count', 'int', 506),
      optional('partitions', summary, 507),
      optional('added_rows_count', 'long', 512),
      optional('existing_rows_count', 'long', 513),
      optional('deleted_rows_count', 'long', 514),
    ]
    : [
      required('added_data_files_count', 'int', 504),
      required('existing_data_files_count', 'int', 505),
      required('deleted_data_files_count', 'int', 506),
      required('added_rows_count', 'long', 512),
      required('existing_rows_count', 'long', 513),
      required('deleted_rows_count', 'long', 514),
      optional('partitions', summary, 507),
    ]
  return {
    type: 'record',
    name: 'manifest_file',
    fields: [
      required('manifest_path', 'string', 500),
      required('manifest_length', 'long', 501),
      required('partition_spec_id', 'int', 502),
      ...(v1 ? [] : [required('content', 'int', 517), required('sequence_number', 'long', 515), required('min_sequence_number', 'long', 516)]),
      required('added_snapshot_id', 'long', 503),
      ...counts,
      optional('key_metadata', 'bytes', 519),
    ],
  }
}

const containerHeader = avro.Type.forSchema({
  type: 'record',
  name: 'org.apache.avro.file.Header',
  fields: [
    { name: 'magic', type: { type: 'fixed', name: 'Magic', size: 4 } },
    { name: 'meta', type: { type: 'map', values: 'bytes' } },
    { name: 'sync', type: { type: 'fixed', name: 'Sync', size: 16 } },
  ],
})
const blockLong = avro.Type.forSchema('long')

/** An Avro object container file (deflate, one block), its schema JSON kept as given so every field-id survives. */
function avroContainer(schemaJson, records, metadata) {
  const type = avro.Type.forSchema(schemaJson, { registry: { long: bigLong } })
  const sync = randomBytes(16)
  const meta = { 'avro.schema': Buffer.from(JSON.stringify(schemaJson)), 'avro.codec': Buffer.from('deflate') }
  for (const [k, v] of Object.entries(metadata)) meta[k] = Buffer.from(v)
  const data = deflateRawSync(Buffer.concat(records.map(r => type.toBuffer(r))))
  return Buffer.concat([
    containerHeader.toBuffer({ magic: Buffer.from('Obj\x01', 'latin1'), meta, sync }),
    blockLong.toBuffer(records.length),
    blockLong.toBuffer(data.length),
    data,
    sync,
  ])
}

// ---------------------------------------------------------------- files, manifests, snapshots

const operationId = randomUUID()
let fileCounter = 0
const schemaJson = JSON.stringify(schema)

/** Writes a data file of one partition (Java names: data/<partition path>/<part>-<task>-<operation uuid>-<n>.parquet). */
function writeDataFile(records, imported = false) {
  const partition = partitionOf(records[0])
  if (records.some(r => JSON.stringify(partitionOf(r)) !== JSON.stringify(partition))) throw new Error('rows of several partitions')
  const identitySources = new Set(partitionFields.filter(p => p.transform === 'identity').map(p => p['source-id']))
  const fields = imported ? schema.fields.filter(f => !identitySources.has(f.id)) : schema.fields
  const { bytes, columnSizes, splitOffsets } = writeParquet(fields, records, schemaJson, imported)
  fileCounter++
  const path = put(`data/${partitionPath(partition)}/00000-${fileCounter}-${operationId}-00001.parquet`, bytes)
  return {
    content: 0, file_path: path, partition, record_count: BigInt(records.length), file_size_in_bytes: BigInt(bytes.length),
    metrics: metrics(fields, records, columnSizes), split_offsets: splitOffsets, sort_order_id: 0,
  }
}

const POSITION_DELETE_FIELDS = [
  { id: 2147483546, name: 'file_path', required: true, type: 'string' },
  { id: 2147483545, name: 'pos', required: true, type: 'long' },
]

/** A position delete file for rows of one data file (sorted by path, then position, as the spec requires). */
function writePositionDeletes(dataFile, positions) {
  const records = positions.map(pos => ({ file_path: dataFile.file_path, pos: BigInt(pos) }))
  const deleteSchema = JSON.stringify({ type: 'struct', 'schema-id': 0, fields: POSITION_DELETE_FIELDS })
  const { bytes, columnSizes } = writeParquet(POSITION_DELETE_FIELDS, records, deleteSchema)
  fileCounter++
  const path = put(`data/${partitionPath(dataFile.partition)}/00000-${fileCounter}-${operationId}-00001-deletes.parquet`, bytes)
  return {
    content: 1, file_path: path, partition: dataFile.partition, record_count: BigInt(records.length),
    file_size_in_bytes: BigInt(bytes.length), metrics: metrics(POSITION_DELETE_FIELDS, records, columnSizes, false),
    referenced_data_file: dataFile.file_path,
  }
}

/** An equality delete file on id (the delete rows hold only the equality column, as Flink's upserts write them). */
function writeEqualityDeletes(partition, ids) {
  const fields = [field.id]
  const records = ids.map(id => ({ id }))
  const deleteSchema = JSON.stringify({ type: 'struct', 'schema-id': 0, fields })
  const { bytes, columnSizes } = writeParquet(fields, records, deleteSchema)
  fileCounter++
  const path = put(`data/${partitionPath(partition)}/00000-${fileCounter}-${operationId}-00001-eq-deletes.parquet`, bytes)
  return {
    content: 2, file_path: path, partition, record_count: BigInt(records.length), file_size_in_bytes: BigInt(bytes.length),
    metrics: metrics(fields, records, columnSizes), equality_ids: [1], sort_order_id: 0,
  }
}

function dataFileRecord(f) {
  const record = {
    content: f.content,
    file_path: f.file_path,
    file_format: 'PARQUET',
    partition: { event_ts_day: f.partition.event_ts_day, category: f.partition.category },
    record_count: f.record_count,
    file_size_in_bytes: f.file_size_in_bytes,
    block_size_in_bytes: 67108864n,
    ...f.metrics,
    key_metadata: null,
    split_offsets: f.split_offsets ?? null,
    equality_ids: f.equality_ids ?? null,
    sort_order_id: f.sort_order_id ?? null,
    referenced_data_file: f.referenced_data_file ?? null,
  }
  if (record.nan_value_counts.length === 0) record.nan_value_counts = null
  return record
}

const STATUS = { EXISTING: 0, ADDED: 1, DELETED: 2 }

/**
 * Writes a manifest (metadata/<uuid>-m<n>.avro). entries: { status, file, snapshotId, sequenceNumber }; a null
 * snapshot id or sequence number is left for readers to inherit from the manifest list.
 */
function writeManifest(content, entries, index, commitUuid) {
  const records = entries.map(e => ({
    status: e.status,
    snapshot_id: e.snapshotId,
    sequence_number: e.sequenceNumber ?? null,
    file_sequence_number: e.fileSequenceNumber ?? e.sequenceNumber ?? null,
    data_file: dataFileRecord(e.file),
  }))
  const metadata = {
    schema: schemaJson,
    'schema-id': '0',
    'partition-spec': JSON.stringify(partitionFields),
    'partition-spec-id': '0',
    'format-version': String(formatVersion),
    ...(v1 ? {} : { content: content === 0 ? 'data' : 'deletes' }),
  }
  const bytes = avroContainer(manifestEntryAvroSchema(), records, metadata)
  const path = put(`metadata/${commitUuid}-m${index}.avro`, bytes)
  const count = status => entries.filter(e => e.status === status)
  const rowsOf = status => count(status).reduce((sum, e) => sum + e.file.record_count, 0n)
  const live = entries.filter(e => e.status !== STATUS.DELETED)
  // Java's partition summaries cover every entry the manifest holds, deleted ones too.
  const days = entries.map(e => e.file.partition.event_ts_day)
  const categories = entries.map(e => e.file.partition.category)
  return {
    manifest_path: path,
    manifest_length: BigInt(bytes.length),
    partition_spec_id: 0,
    content,
    // Resolved when the manifest list is written: new manifests take the snapshot's sequence number.
    sequence_number: null,
    min_sequence_number: live.some(e => e.sequenceNumber == null) ? null : live.reduce((min, e) => (e.sequenceNumber < min ? e.sequenceNumber : min), BigInt(Number.MAX_SAFE_INTEGER)),
    added_snapshot_id: null,
    added_data_files_count: count(STATUS.ADDED).length,
    existing_data_files_count: count(STATUS.EXISTING).length,
    deleted_data_files_count: count(STATUS.DELETED).length,
    added_rows_count: rowsOf(STATUS.ADDED),
    existing_rows_count: rowsOf(STATUS.EXISTING),
    deleted_rows_count: rowsOf(STATUS.DELETED),
    partitions: [
      { contains_null: false, contains_nan: false, ...summaryBounds('date', days) },
      { contains_null: false, contains_nan: false, ...summaryBounds('string', categories) },
    ],
    key_metadata: null,
    entries,
  }
}

function summaryBounds(type, values) {
  if (values.length === 0) return { lower_bound: null, upper_bound: null }
  const sorted = [...values].sort((a, b) => compare(type, a, b))
  return { lower_bound: serialize(type, sorted[0]), upper_bound: serialize(type, sorted.at(-1)) }
}

function newSnapshotId() {
  // As Java: a UUID's halves xor-ed, made positive, so ids use all 63 bits.
  const bytes = randomBytes(16)
  return (bytes.readBigInt64BE(0) ^ bytes.readBigInt64BE(8)) & 0x7fffffffffffffffn
}

const snapshots = []
const metadataFiles = []
let lastSequenceNumber = 0n
let clock = Date.parse('2024-01-04T00:00:00Z')

/**
 * Commits a snapshot: writes its manifest list (new manifests first, as Java orders them) and a new metadata file.
 * The id is chosen by the caller when entries must carry it explicitly.
 */
function commit(snapshotId, operation, newManifests, carriedManifests, summary) {
  const parent = snapshots.at(-1)
  const sequenceNumber = v1 ? 0n : lastSequenceNumber + 1n
  clock += 60_000
  for (const m of newManifests) {
    m.added_snapshot_id = snapshotId
    m.sequence_number = sequenceNumber
    m.min_sequence_number ??= sequenceNumber
    // Entries whose numbers readers inherit: record what they will read, for the next snapshots' rewrites.
    for (const e of m.entries) {
      e.resolvedSnapshotId = e.snapshotId ?? snapshotId
      e.resolvedSequenceNumber = e.sequenceNumber ?? sequenceNumber
    }
  }
  const manifests = [...newManifests, ...carriedManifests]
  const listRecords = manifests.map(({ entries, ...m }) => m)
  const listMetadata = {
    'snapshot-id': String(snapshotId),
    'parent-snapshot-id': parent ? String(parent.snapshotId) : 'null',
    ...(v1 ? {} : { 'sequence-number': String(sequenceNumber) }),
    'format-version': String(formatVersion),
  }
  const manifestList = put(`metadata/snap-${snapshotId}-1-${randomUUID()}.avro`, avroContainer(manifestListAvroSchema(), listRecords, listMetadata))
  if (!v1) lastSequenceNumber = sequenceNumber
  const snapshot = {
    snapshotId, parentSnapshotId: parent?.snapshotId ?? null, sequenceNumber, timestampMs: clock, operation, manifestList,
    manifests, summary: { operation, 'spark.app.id': 'local-write-iceberg', ...summary },
  }
  snapshots.push(snapshot)
  writeMetadata()
  return snapshot
}

// ---------------------------------------------------------------- table metadata JSON

// JSON.stringify cannot write bigints; they go out as exact integers.
function toJson(value, indent) {
  const marked = JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `@@big:${v}@@` : v), indent)
  return marked.replace(/"@@big:(-?\d+)@@"/g, '$1')
}

function snapshotJson(s) {
  return {
    ...(v1 ? {} : { 'sequence-number': s.sequenceNumber }),
    'snapshot-id': s.snapshotId,
    ...(s.parentSnapshotId === null ? {} : { 'parent-snapshot-id': s.parentSnapshotId }),
    'timestamp-ms': s.timestampMs,
    summary: s.summary,
    'manifest-list': s.manifestList,
    'schema-id': 0,
  }
}

/** The name mapping add_files/migrate set, after the rename of name to customer_name (spec: Column Projection). */
function nameMapping() {
  const entry = (id, names, type) => {
    const nested = typeof type === 'string' ? null
      : type.type === 'struct' ? type.fields.map(c => entry(c.id, [c.name], c.type))
        : type.type === 'list' ? [entry(type['element-id'], ['element'], type.element)]
          : [entry(type['key-id'], ['key'], type.key), entry(type['value-id'], ['value'], type.value)]
    return { 'field-id': id, names, ...(nested ? { fields: nested } : {}) }
  }
  return schema.fields.map(f => entry(f.id, keyOf(f) === f.name ? [f.name] : [keyOf(f), f.name], f.type))
}

function metadataFileName(version) {
  const suffix = gzipMetadata ? '.gz.metadata.json' : '.metadata.json'
  return v1 ? `v${version + 1}${suffix}` : `${String(version).padStart(5, '0')}-${randomUUID()}${suffix}`
}

function writeMetadata() {
  clock += 1000
  const current = snapshots.at(-1)
  const properties = {
    owner: 'write-iceberg.mjs',
    'write.parquet.compression-codec': parquetCodec.toLowerCase(),
    ...(v1 ? {} : { 'write.delete.mode': 'merge-on-read', 'write.update.mode': 'merge-on-read' }),
    ...(importedFiles ? { 'schema.name-mapping.default': JSON.stringify(nameMapping()) } : {}),
    ...(gzipMetadata ? { 'write.metadata.compression-codec': 'gzip' } : {}),
  }
  const common = {
    'format-version': formatVersion,
    'table-uuid': tableUuid,
    location,
    ...(v1 ? {} : { 'last-sequence-number': lastSequenceNumber }),
    'last-updated-ms': clock,
    'last-column-id': LAST_COLUMN_ID,
  }
  const metadata = v1
    ? {
      // Older Java writers of v1 tables: the single schema and partition spec, the spec's fields without ids.
      ...common,
      schema: { type: 'struct', fields: schema.fields },
      'partition-spec': partitionFields.map(({ 'field-id': _, ...p }) => p),
      properties,
      'current-snapshot-id': current ? current.snapshotId : -1,
      snapshots: snapshots.map(snapshotJson),
      'snapshot-log': snapshots.map(s => ({ 'timestamp-ms': s.timestampMs, 'snapshot-id': s.snapshotId })),
      'metadata-log': metadataFiles.map(m => ({ 'timestamp-ms': m.timestampMs, 'metadata-file': m.location })),
    }
    : {
      ...common,
      'current-schema-id': 0,
      schemas: [schema],
      'default-spec-id': 0,
      'partition-specs': [{ 'spec-id': 0, fields: partitionFields }],
      'last-partition-id': 1001,
      'default-sort-order-id': 0,
      'sort-orders': [{ 'order-id': 0, fields: [] }],
      properties,
      'current-snapshot-id': current ? current.snapshotId : -1,
      refs: current ? { main: { 'snapshot-id': current.snapshotId, type: 'branch' } } : {},
      snapshots: snapshots.map(snapshotJson),
      statistics: [],
      'partition-statistics': [],
      'snapshot-log': snapshots.map(s => ({ 'timestamp-ms': s.timestampMs, 'snapshot-id': s.snapshotId })),
      'metadata-log': metadataFiles.map(m => ({ 'timestamp-ms': m.timestampMs, 'metadata-file': m.location })),
    }
  const version = metadataFiles.length
  const text = toJson(metadata, 2)
  const metadataLocation = put(`metadata/${metadataFileName(version)}`, gzipMetadata ? gzipSync(text) : text)
  metadataFiles.push({ location: metadataLocation, timestampMs: clock })
  if (v1) put('metadata/version-hint.text', String(version + 1))
  if (current) current.metadataLocation = metadataLocation
}

// ---------------------------------------------------------------- the table's history

function appendSummary(files) {
  const records = files.reduce((n, f) => n + f.record_count, 0n)
  const size = files.reduce((n, f) => n + f.file_size_in_bytes, 0n)
  return { 'added-data-files': String(files.length), 'added-records': String(records), 'added-files-size': String(size), 'changed-partition-count': String(files.length) }
}

writeMetadata() // version 0: the created table, no snapshot yet

// v2 entries leave the snapshot id to inheritance, as Java does for manifests written by the committing snapshot;
// v1 manifests have no inheritance, so the id is written.
const added = (file, snapshotId) => ({ status: STATUS.ADDED, file, snapshotId: v1 ? snapshotId : null, sequenceNumber: null })
const expected = new Map()
const liveFiles = new Map()

// 1: append two data files.
const f1 = writeDataFile([rows[1], rows[2], rows[3]], importedFiles)
const f2 = writeDataFile([rows[4], rows[5], rows[6]], importedFiles)
const s1Id = newSnapshotId()
const m1 = writeManifest(0, [added(f1, s1Id), added(f2, s1Id)], 0, randomUUID())
commit(s1Id, 'append', [m1], [], appendSummary([f1, f2]))
expected.set(s1Id, [1, 2, 3, 4, 5, 6].map(id => rows[id]))
liveFiles.set(s1Id, { data: [f1, f2], deletes: [] })

// 2: append two more; these entries carry their snapshot id explicitly, as Java's fast append writes them.
const f3 = writeDataFile([rows[7], rows[8]])
const f4 = writeDataFile([rows[9], rows[10]])
const s2Id = newSnapshotId()
const m2 = writeManifest(0, [f3, f4].map(file => ({ status: STATUS.ADDED, file, snapshotId: s2Id, sequenceNumber: null })), 0, randomUUID())
commit(s2Id, 'append', [m2], [m1], appendSummary([f3, f4]))
expected.set(s2Id, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map(id => rows[id]))
liveFiles.set(s2Id, { data: [f1, f2, f3, f4], deletes: [] })

let carried = [m2, m1]
let current = s2Id
if (!v1) {
  // 3: merge-on-read update of id 5 (new data file + equality delete of the old row) plus deletes of ids 2 and 8.
  // The equality delete has the same sequence number as the new row 5, so it does not delete it.
  const f5 = writeDataFile([row5Updated])
  const positionDeletes = writePositionDeletes(f1, [1])
  const equalityDeletes = writeEqualityDeletes(f2.partition, [5n, 8n])
  const s3Id = newSnapshotId()
  const commitUuid = randomUUID()
  const m3 = writeManifest(0, [added(f5, s3Id)], 0, commitUuid)
  const d3 = writeManifest(1, [added(positionDeletes, s3Id), added(equalityDeletes, s3Id)], 1, commitUuid)
  commit(s3Id, 'overwrite', [m3, d3], carried, {
    ...appendSummary([f5]),
    'added-delete-files': '2', 'added-position-delete-files': '1', 'added-equality-delete-files': '1',
    'added-position-deletes': '1', 'added-equality-deletes': '2',
  })
  expected.set(s3Id, [rows[1], rows[3], rows[4], row5Updated, rows[6], rows[7], rows[9], rows[10]])
  liveFiles.set(s3Id, { data: [f1, f2, f3, f4, f5], deletes: [positionDeletes, equalityDeletes] })
  carried = [m3, d3, m2, m1]
  current = s3Id
}

// Last: metadata-only delete of the partition (2024-01-03, a). The manifest holding f4 is rewritten: f4 DELETED by
// this snapshot, f3 EXISTING, both with the snapshot id and sequence numbers they had (never inherited again).
{
  const s4Id = newSnapshotId()
  const rewritten = writeManifest(0, m2.entries.map(e => ({
    status: e.file === f4 ? STATUS.DELETED : STATUS.EXISTING,
    file: e.file,
    snapshotId: e.file === f4 ? s4Id : e.resolvedSnapshotId,
    sequenceNumber: v1 ? null : e.resolvedSequenceNumber,
  })), 0, randomUUID())
  commit(s4Id, 'delete', [rewritten], carried.filter(m => m !== m2), {
    'deleted-data-files': '1', 'deleted-records': String(f4.record_count), 'removed-files-size': String(f4.file_size_in_bytes),
    'changed-partition-count': '1',
  })
  expected.set(s4Id, expected.get(current).filter(r => r.id !== 9n && r.id !== 10n))
  const before = liveFiles.get(current)
  liveFiles.set(s4Id, { data: before.data.filter(f => f !== f4), deletes: before.deletes })
}

// ---------------------------------------------------------------- output

/** A row as JSON, keyed by the table schema's column names. */
function rowJson(r) {
  const json = {
    id: r.id,
    name: r.name,
    qty: r.qty,
    amount: typeof r.amount === 'number' && !Number.isFinite(r.amount) ? { $number: String(r.amount) } : r.amount,
    price: r.price === null ? null : decimalText(r.price, 2),
    total: r.total === null ? null : decimalText(r.total, 4),
    event_date: r.event_date === null ? null : isoDate(r.event_date),
    event_ts: isoMicros(r.event_ts),
    active: r.active,
    category: r.category,
    location: r.location,
    tags: r.tags,
    attrs: r.attrs,
  }
  return Object.fromEntries(schema.fields.map(f => [f.name, json[keyOf(f)]]))
}

function fileJson(f) {
  return {
    path: f.file_path,
    content: f.content,
    partition: { event_ts_day: isoDate(f.partition.event_ts_day), category: f.partition.category },
    recordCount: f.record_count,
  }
}

const result = {
  formatVersion,
  location,
  metadataLocations: metadataFiles.map(m => m.location),
  snapshots: snapshots.map(s => ({
    snapshotId: s.snapshotId,
    parentSnapshotId: s.parentSnapshotId,
    sequenceNumber: s.sequenceNumber,
    operation: s.operation,
    metadataLocation: s.metadataLocation,
    dataFiles: liveFiles.get(s.snapshotId).data.map(fileJson),
    deleteFiles: liveFiles.get(s.snapshotId).deletes.map(fileJson),
    rows: [...expected.get(s.snapshotId)].sort((a, b) => Number(a.id - b.id)).map(rowJson),
  })),
}
process.stdout.write(toJson(result) + '\n')
