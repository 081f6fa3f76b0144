// Reads just enough of an SQLite database file to tell a schema-only file (tables defined, no rows) from
// one that holds data. Anything the reader is not sure of answers "not known to be empty".

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
const LEAF_INDEX = 0x0a;

/** A varint of the SQLite record format: 1–9 bytes, big-endian, 7 bits a byte (all 8 in the ninth). */
function varint(bytes: Uint8Array, at: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 8; i++) {
    const b = bytes[at + i];
    if (b === undefined) throw new RangeError('truncated varint');
    value = value * 128 + (b & 0x7f);
    if ((b & 0x80) === 0) return [value, at + i + 1];
  }
  const last = bytes[at + 8];
  if (last === undefined) throw new RangeError('truncated varint');
  return [value * 256 + last, at + 9];
}

/** Bytes a value of this serial type takes in a record. */
function serialLength(type: number): number {
  if (type >= 12) return Math.floor((type - 12) / 2);
  return [0, 1, 2, 3, 4, 6, 8, 8, 0, 0][type] ?? NaN;
}

interface SchemaRow {
  type: string;
  root: number;
}

/**
 * True only when the whole file is a readable SQLite database whose every table and index root is an
 * empty leaf page and which has no other pages (no freelist, overflow or pointer-map pages) and no bytes
 * left in those empty pages: a schema with no rows, nor deleted rows lingering in free space. Any other
 * shape, or anything unexpected, answers false.
 */
export function sqliteHoldsNoRows(bytes: Uint8Array): boolean {
  try {
    return holdsNoRows(bytes);
  } catch {
    return false;
  }
}

function holdsNoRows(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 512 || Buffer.from(bytes.subarray(0, 16)).toString('latin1') !== MAGIC) return false;
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0 || bytes.length % pageSize !== 0) return false;
  const pages = bytes.length / pageSize;
  // The header's page count is valid when its change counter matches "version valid for".
  if (view.getUint32(24) === view.getUint32(92) && view.getUint32(28) !== pages) return false;
  // Free pages may still hold deleted rows; auto-vacuum adds pointer-map pages this reader does not follow.
  if (view.getUint32(32) !== 0 || view.getUint32(36) !== 0 || view.getUint32(52) !== 0) return false;
  const usable = pageSize - bytes[20]!;
  const rows = schemaRows(bytes, view, usable);
  if (rows === null) return false;
  const roots = new Set<number>();
  for (const row of rows) {
    if (row.type === 'view' || row.type === 'trigger') continue;
    if ((row.type !== 'table' && row.type !== 'index') || row.root < 2 || row.root > pages || roots.has(row.root)) return false;
    roots.add(row.root);
    const page = (row.root - 1) * pageSize;
    // A WITHOUT ROWID table is stored as an index b-tree, so a table's root may be either kind of leaf.
    const kind = bytes[page];
    if ((kind !== LEAF_INDEX && (row.type !== 'table' || kind !== LEAF_TABLE)) || view.getUint16(page + 3) !== 0) return false;
    // Nothing after the 8-byte page header: deleted cells would leave their bytes behind.
    if (bytes.subarray(page + 8, page + pageSize).some((b) => b !== 0)) return false;
  }
  // Every page is page 1 or an empty root: no overflow, no unlisted page holding anything.
  return roots.size === pages - 1;
}

/** The rows of sqlite_schema when page 1 is a leaf with every record stored on the page; null otherwise. */
function schemaRows(bytes: Uint8Array, view: DataView, usable: number): SchemaRow[] | null {
  const header = 100;
  if (bytes[header] !== LEAF_TABLE) return null;
  const cells = view.getUint16(header + 3);
  const rows: SchemaRow[] = [];
  for (let c = 0; c < cells; c++) {
    const [payload, afterSize] = varint(bytes, view.getUint16(header + 8 + 2 * c));
    const [, at] = varint(bytes, afterSize); // rowid
    if (payload > usable - 35 || at + payload > usable) return null; // spills to overflow pages
    const end = at + payload;
    const [headerSize, first] = varint(bytes, at);
    let cursor = first;
    const headerEnd = at + headerSize;
    const types: number[] = [];
    while (cursor < headerEnd) {
      let type: number;
      [type, cursor] = varint(bytes, cursor);
      types.push(type);
    }
    if (types.length < 5) return null;
    let value = headerEnd;
    const fields: (string | number | null)[] = [];
    for (const type of types.slice(0, 4)) {
      const length = serialLength(type);
      if (Number.isNaN(length) || value + length > end) return null;
      if (type >= 13 && type % 2 === 1) fields.push(Buffer.from(bytes.subarray(value, value + length)).toString('utf8'));
      else if (type >= 1 && type <= 6) fields.push(readInt(bytes, value, length));
      else if (type === 8 || type === 9) fields.push(type - 8);
      else fields.push(null);
      value += length;
    }
    const [type, , , root] = fields;
    if (typeof type !== 'string') return null;
    rows.push({ type, root: typeof root === 'number' ? root : 0 });
  }
  return rows;
}

function readInt(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[at + i]!;
  return value;
}
