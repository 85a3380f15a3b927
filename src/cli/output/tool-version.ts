import * as fs from 'fs';
import * as path from 'path';

/** The version in this package's package.json (lib/cli/output/ and src/cli/output/ are both three levels down). */
export function toolVersion(): string {
  const file = path.join(__dirname, '..', '..', '..', 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf-8')) as { version: string }).version;
}
