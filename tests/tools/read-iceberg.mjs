// Reads an Iceberg table with icebird, an independent JavaScript implementation, and prints its rows as JSON lines.
// Usage: node read-iceberg.mjs METADATA_LOCATION [S3_ENDPOINT]
//   METADATA_LOCATION: a local path, file: URI, or s3://bucket/key of a metadata.json file.
//   S3_ENDPOINT: a path-style S3 endpoint (e.g. http://127.0.0.1:4568) that serves s3:// and s3a:// locations.
// icebird reads through fetch(); this script gives it a fetch that serves local files (with HTTP range
// semantics) and sends the S3 URLs icebird builds (https://BUCKET.s3.amazonaws.com/KEY) to the loopback endpoint.
import { icebergRead } from 'icebird'
import { open } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const [metadataLocation, s3Endpoint] = process.argv.slice(2)
if (!metadataLocation) {
  console.error('usage: node read-iceberg.mjs METADATA_LOCATION [S3_ENDPOINT]')
  process.exit(2)
}

const networkFetch = globalThis.fetch

async function localFetch(path, init) {
  const handle = await open(path, 'r').catch(() => null)
  if (!handle) return new Response(null, { status: 404, statusText: 'Not Found' })
  try {
    const { size } = await handle.stat()
    if ((init?.method ?? 'GET') === 'HEAD') {
      return new Response(null, { status: 200, headers: { 'content-length': String(size) } })
    }
    const range = new Headers(init?.headers).get('Range')
    let start = 0
    let end = size - 1
    const match = range && /^bytes=(\d+)-(\d*)$/.exec(range)
    if (match) {
      start = Number(match[1])
      if (match[2] !== '') end = Math.min(Number(match[2]), size - 1)
    }
    const length = Math.max(0, end - start + 1)
    const buffer = Buffer.alloc(length)
    await handle.read(buffer, 0, length, start)
    return new Response(buffer, {
      status: match ? 206 : 200,
      headers: { 'content-length': String(length) },
    })
  } finally {
    await handle.close()
  }
}

globalThis.fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input.url
  if (url.startsWith('file:')) return localFetch(fileURLToPath(url.startsWith('file:///') ? url : url.replace(/^file:/, 'file://')), init)
  if (url.startsWith('/')) return localFetch(url, init)
  const s3 = /^https:\/\/([^/.]+)\.s3\.amazonaws\.com\/(.*)$/.exec(url)
  if (s3) {
    if (!s3Endpoint) throw new Error(`no S3 endpoint given for ${url}`)
    return networkFetch(`${s3Endpoint.replace(/\/$/, '')}/${s3[1]}/${s3[2]}`, init)
  }
  return networkFetch(input, init)
}

// icebird builds `${tableUrl}/metadata/${metadataFileName}`; split the location accordingly.
const slash = metadataLocation.lastIndexOf('/')
const metadataFolder = metadataLocation.slice(0, slash)
const metadataFileName = metadataLocation.slice(slash + 1)
if (!metadataFolder.endsWith('/metadata')) {
  console.error(`error: ${metadataLocation} is not in a metadata/ folder`)
  process.exit(2)
}
const tableUrl = metadataFolder.slice(0, -'/metadata'.length)

function toJson(value) {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return { $bigint: value.toString() }
  if (value instanceof Date) return { $date: value.toISOString() }
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('hex') }
  if (Array.isArray(value)) return value.map(toJson)
  if (typeof value === 'number' && !Number.isFinite(value)) return { $number: String(value) }
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]))
  return value
}

try {
  const rows = await icebergRead({ tableUrl, metadataFileName })
  for (const row of rows) process.stdout.write(JSON.stringify(toJson(row)) + '\n')
} catch (e) {
  console.error(`error: ${e.message}`)
  process.exit(1)
}
