import type { Sen2Return } from '@sj/domain';
import { toCsv } from '@sj/read-models';
import { strToU8, zipSync } from 'fflate';
import { SEN2_MODULES, sen2Tables, type Sen2Table } from './sen2-modules';

function csvOf(table: Sen2Table): string {
  return toCsv(
    table.rows,
    table.columns.map((header, i) => ({ header, value: (row: readonly string[]) => row[i] })),
  );
}

/** One CSV per module (RFC 4180, the same cells as the XML plus the ids linking the rows), zipped. */
export function sen2CsvZip(ret: Sen2Return): Uint8Array {
  const tables = sen2Tables(ret);
  return zipSync(Object.fromEntries(SEN2_MODULES.map(({ module, file }) => [file, strToU8(csvOf(tables[module]))])));
}
