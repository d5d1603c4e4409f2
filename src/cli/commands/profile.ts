// `mlpad profile`: the same load → infer → profile pipeline the studio's Data tab runs in its worker, so
// a profile can be scripted, diffed, or compared with pandas outside the browser.
import { basename } from 'node:path';
import { loadBytes } from '../../lib/data/index.ts';
import { buildSchema } from '../../lib/profile/schema.ts';
import { profileTable } from '../../lib/profile/profile-table.ts';
import type { CliCommand } from '../command.ts';
import { loadFlagSpecs, loadOptionsFromFlags } from '../load-flags.ts';

export const profileCommand: CliCommand = {
  name: 'profile',
  summary: 'Load a data file and print its schema and column profile as JSON',
  description:
    'Reads CSV, TSV, JSON, JSON Lines, Parquet or Arrow (detected from the name and contents), infers each\n' +
    "column's type and prints { file, format, rows, warnings, missingTokens, dateFormats, schema, profile } as JSON\n" +
    'on stdout. missingTokens lists per column the cells read as missing by their text (a token that is most of a\n' +
    'column is also a warning); change the list with --na-values and --no-default-na. dateFormats lists per text\n' +
    'column read as dates the format found, e.g. MM/DD/YYYY, with ambiguous: true when day and month could swap.',
  flags: [
    { name: 'data', type: 'string', required: true, valueName: 'FILE', help: 'the data file to profile' },
    { name: 'out', type: 'string', valueName: 'FILE', help: 'write the JSON here instead of stdout and print a summary line' },
    ...loadFlagSpecs(),
  ],
  async run(flags, io) {
    const path = flags.data as string;
    const options = loadOptionsFromFlags(flags, 'mlpad profile --help');
    const bytes = await io.readFile(path);
    // The loader names the file in its messages; the base name reads better than a long path.
    const loaded = await loadBytes(basename(path), bytes, options);
    const schema = buildSchema(loaded.table);
    const profile = profileTable(loaded.table, schema);
    const report = { file: path, format: loaded.format, rows: loaded.table.numRows, warnings: loaded.warnings, missingTokens: loaded.missingTokens, dateFormats: loaded.dateFormats, schema, profile };
    // JSON has no NaN: undefined statistics (e.g. the std of one value) are written as null.
    const json = JSON.stringify(report, null, 2) + '\n';
    const out = flags.out as string | undefined;
    if (out === undefined) {
      io.stdout(json);
    } else {
      await io.writeFile(out, json);
      const warned = loaded.warnings.length ? `, ${loaded.warnings.length} warning${loaded.warnings.length > 1 ? 's' : ''}` : '';
      io.stderr(`mlpad: profiled ${path} (${loaded.format}, ${report.rows} rows × ${schema.length} columns${warned}) → ${out}\n`);
    }
    return 0;
  },
};
