import type { Issue } from '../../errors.js';
import { isAccordError } from '../../errors.js';
import { checkPattern } from '../../stix/pattern/index.js';
import { validateDocument } from '../../stix/validate.js';
import { type Command, print, UsageError } from '../command.js';
import { readJsonFile } from '../read-json-file.js';

interface FileReport {
  file: string;
  ok: boolean;
  objects: number;
  errors: Issue[];
  warnings: Issue[];
}

export const validate: Command = {
  name: 'validate',
  usage: 'accord validate FILE… (- for standard input)',
  async run(ctx) {
    if (ctx.positionals.length === 0) throw new UsageError('name at least one FILE');
    const reports: FileReport[] = [];
    for (const file of ctx.positionals) {
      try {
        const doc = await readJsonFile(file);
        const r = validateDocument(doc, { checkPattern });
        reports.push({ file, ok: r.ok, objects: r.objects.length, errors: r.errors, warnings: r.warnings });
      } catch (e) {
        if (!isAccordError(e)) throw e;
        reports.push({
          file,
          ok: false,
          objects: 0,
          errors: [{ path: '$', code: 'unreadable', message: e.message }],
          warnings: [],
        });
      }
    }
    print(ctx, reports, () =>
      reports
        .map((r) => {
          const head = r.ok
            ? `${r.file}: valid (${r.objects} object${r.objects === 1 ? '' : 's'})`
            : `${r.file}: INVALID`;
          const lines = [
            ...r.errors.map((i) => `  error   ${i.path}: ${i.message} [${i.code}]`),
            ...r.warnings.map((i) => `  warning ${i.path}: ${i.message} [${i.code}]`),
          ];
          return [head, ...lines].join('\n');
        })
        .join('\n'),
    );
    return reports.every((r) => r.ok) ? 0 : 1;
  },
};
