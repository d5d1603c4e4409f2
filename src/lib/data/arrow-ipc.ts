// Arrow IPC, file ("ARROW1" … "ARROW1") and stream (0xFFFFFFFF-prefixed messages) alike: apache-arrow
// tells them apart by their first bytes.
import { tableFromIPC, type Table } from 'apache-arrow';
import { DataError } from './types.ts';

export function readArrowIpc(file: string, bytes: Uint8Array): Table {
  let table: Table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    if (e instanceof RangeError && /allocat|memory|Array buffer/i.test(e.message)) throw e;
    throw new DataError('invalid-arrow', file, `this is not a readable Arrow IPC file or stream (${e instanceof Error ? e.message : String(e)}).`);
  }
  // A stream cut off after its schema parses as a table with no batches; that is a broken file, not an empty one.
  if (table.batches.length === 0 && bytes.length > 0 && table.schema.fields.length === 0) {
    throw new DataError('invalid-arrow', file, 'this is not a readable Arrow IPC file or stream (no schema was found).');
  }
  return table;
}
