// Reads just enough of an SQLite database file to tell a schema-only file (tables defined, no rows) from
// one that holds data. Anything the reader is not sure of answers "not known to be empty".

const MAGIC = 'SQLite format 3\0';
const LEAF_TABLE = 0x0d;
const LEAF_INDEX = 0x0a;
const INTERIOR_TABLE = 0x05;

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
  const schema = schemaRows(bytes, view, usable, pageSize, pages);
  if (schema === null) return false;
  const roots = new Set<number>();
  for (const row of schema.rows) {
    if (row.type === 'view' || row.type === 'trigger') continue;
    if ((row.type !== 'table' && row.type !== 'index') || row.root < 2 || row.root > pages || roots.has(row.root) || schema.pages.has(row.root)) return false;
    roots.add(row.root);
    const page = (row.root - 1) * pageSize;
    // A WITHOUT ROWID table is stored as an index b-tree, so a table's root may be either kind of leaf.
    const kind = bytes[page];
    if ((kind !== LEAF_INDEX && (row.type !== 'table' || kind !== LEAF_TABLE)) || view.getUint16(page + 3) !== 0) return false;
    // Nothing after the 8-byte page header: deleted cells would leave their bytes behind.
    if (!unusedBytesHoldNothing(bytes.subarray(page + 8, page + pageSize), pages)) return false;
  }
  // Every page is sqlite_schema's (its b-tree and overflow pages) or an empty root: no unlisted page holding anything.
  return roots.size + schema.pages.size === pages;
}

/**
 * Whether the bytes after an empty page's header hold no data: all zero, but for what a freelist trunk page leaves
 * when SQLite takes it back for a new table or index without clearing it (the default, `secure_delete` off): the
 * free pages it listed, four bytes each from offset 8, one after another, every one a page number of this file. A deleted row's
 * bytes (at the page's end, where cells are written) or anything else breaks that shape.
 */
function unusedBytesHoldNothing(rest: Uint8Array, pageCount: number): boolean {
  let last = rest.length - 1;
  while (last >= 0 && rest[last] === 0) last--;
  const view = new DataView(rest.buffer, rest.byteOffset, rest.byteLength);
  for (let at = 0; at <= last; at += 4) {
    const word = at + 4 <= rest.length ? view.getUint32(at) : Infinity;
    if (word === 0 || word > pageCount) return false;
  }
  return true;
}

/** The rows of sqlite_schema, and the pages its b-tree and its records' overflow chains take; null when unsure. */
interface Schema {
  rows: SchemaRow[];
  pages: Set<number>;
}

/**
 * Walks sqlite_schema's table b-tree from page 1: a schema of many tables (a Prisma or sqlx schema of forty)
 * no longer fits on page 1, which becomes an interior page over leaves, and a long `CREATE` statement spills
 * onto overflow pages. Every page it takes is listed, so the caller can tell that nothing else is in the file.
 */
function schemaRows(bytes: Uint8Array, view: DataView, usable: number, pageSize: number, pageCount: number): Schema | null {
  const rows: SchemaRow[] = [];
  const pages = new Set<number>();
  const take = (page: number) => {
    if (page < 1 || page > pageCount || pages.has(page)) throw new RangeError('page out of range or seen twice');
    pages.add(page);
  };
  const visit = (page: number, depth: number) => {
    if (depth > 20) throw new RangeError('b-tree too deep');
    take(page);
    const start = (page - 1) * pageSize;
    const header = page === 1 ? 100 : start;
    const kind = bytes[header];
    const cells = view.getUint16(header + 3);
    if (kind === INTERIOR_TABLE) {
      for (let c = 0; c < cells; c++) visit(view.getUint32(start + view.getUint16(header + 12 + 2 * c)), depth + 1);
      visit(view.getUint32(header + 8), depth + 1);
      return;
    }
    if (kind !== LEAF_TABLE) throw new RangeError('not a table b-tree page');
    for (let c = 0; c < cells; c++) rows.push(schemaRow(bytes, view, start, start + view.getUint16(header + 8 + 2 * c), usable, pageSize, take));
  };
  try {
    visit(1, 0);
  } catch {
    return null;
  }
  return { rows, pages };
}

/** One record of a sqlite_schema leaf cell at `cell` (page starting at `start`); its overflow pages are handed to `take`. */
function schemaRow(bytes: Uint8Array, view: DataView, start: number, cell: number, usable: number, pageSize: number, take: (page: number) => void): SchemaRow {
  const [payload, afterSize] = varint(bytes, cell);
  const [, at] = varint(bytes, afterSize); // rowid
  // How much of the record is on the page (the rest is on a chain of overflow pages), as the file format defines it.
  const most = usable - 35;
  const least = Math.floor(((usable - 12) * 32) / 255) - 23;
  const spill = least + ((payload - least) % (usable - 4));
  const local = payload <= most ? payload : spill <= most ? spill : least;
  if (at + local > start + usable) throw new RangeError('record runs past its page');
  if (local < payload) {
    let next = view.getUint32(at + local);
    for (let left = payload - local; left > 0; left -= usable - 4) {
      take(next);
      next = view.getUint32((next - 1) * pageSize);
    }
  }
  const end = at + local;
  const [headerSize, first] = varint(bytes, at);
  const headerEnd = at + headerSize;
  if (headerEnd > end) throw new RangeError('record header spills');
  let cursor = first;
  const types: number[] = [];
  while (cursor < headerEnd) {
    let type: number;
    [type, cursor] = varint(bytes, cursor);
    types.push(type);
  }
  if (types.length < 5) throw new RangeError('not a schema row');
  let value = headerEnd;
  const fields: (string | number | null)[] = [];
  for (const type of types.slice(0, 4)) {
    const length = serialLength(type);
    if (Number.isNaN(length) || value + length > end) throw new RangeError('field spills');
    if (type >= 13 && type % 2 === 1) fields.push(Buffer.from(bytes.subarray(value, value + length)).toString('utf8'));
    else if (type >= 1 && type <= 6) fields.push(readInt(bytes, value, length));
    else if (type === 8 || type === 9) fields.push(type - 8);
    else fields.push(null);
    value += length;
  }
  const [type, , , root] = fields;
  if (typeof type !== 'string') throw new RangeError('not a schema row');
  return { type, root: typeof root === 'number' ? root : 0 };
}

function readInt(bytes: Uint8Array, at: number, length: number): number {
  let value = 0;
  for (let i = 0; i < length; i++) value = value * 256 + bytes[at + i]!;
  return value;
}
