/**
 * Writes docs/rules.md, the rules reference, from the rule metadata (src/validation/rules-reference.ts):
 * `npx ts-node --transpile-only scripts/gen-rules-doc.ts`. `--check` writes nothing and exits 1 when the committed
 * file differs from what the generator writes (test/validation/rules-reference.test.ts checks the same).
 */
import * as fs from 'fs';
import * as path from 'path';
import { RULES_REFERENCE_COMMAND, RULES_REFERENCE_FILE, rulesReferenceMarkdown } from '../src/validation/rules-reference';

const file = path.join(__dirname, '..', RULES_REFERENCE_FILE);
const markdown = rulesReferenceMarkdown();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '';
  if (current !== markdown) {
    process.stderr.write(`${RULES_REFERENCE_FILE} is not what the rule metadata generates; run ${RULES_REFERENCE_COMMAND}\n`);
    process.exit(1);
  }
} else {
  fs.writeFileSync(file, markdown);
  process.stdout.write(`wrote ${RULES_REFERENCE_FILE} (${markdown.split('\n').length} lines)\n`);
}
