// Runs sfdx-git-delta's package generation through its library entry point (what `sf sgd source delta`
// calls, without the sf CLI's own start-up), into a new folder under the given parent.
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import sgd from 'sfdx-git-delta';

const [repo, from, to, parent, mode] = process.argv.slice(2);
const output = mkdtempSync(join(parent, 'sgd-'));
const work = await sgd({
  repo, from, to, output, source: ['force-app'], generateDelta: mode === 'delta', apiVersion: 62,
  ignore: '', ignoreDestructive: '', include: '', includeDestructive: '', ignoreWhitespace: false,
});
for (const warning of work.warnings) console.error(warning.message);
