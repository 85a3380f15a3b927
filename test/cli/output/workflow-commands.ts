/**
 * A reader of GitHub Actions workflow commands (`::error file=a.yaml,line=3,col=5,title=x::message`), strict about
 * what the runner requires of an annotation command (GitHub's "Workflow commands for GitHub Actions" docs, and
 * `escapeData`/`escapeProperty` in actions/toolkit packages/core/src/command.ts): one line each, a known command,
 * `key=value` properties separated by `,`, no raw `:` or `,` inside a value, `%` only in the escapes the runner
 * decodes. Shared by the github format's tests and scripts/check-ci-formats.sh.
 */

/** One parsed annotation command. */
export interface WorkflowCommand {
  /** `error`, `warning` or `notice`. */
  readonly command: string;
  /** The properties, unescaped. */
  readonly properties: { [key: string]: string };
  /** The message, unescaped. */
  readonly message: string;
}

const ANNOTATIONS = ['error', 'warning', 'notice'];
const PROPERTIES = ['title', 'file', 'col', 'endColumn', 'line', 'endLine'];

function unescapeData(text: string, where: string): string {
  if (/%(?!25|0D|0A)/.test(text)) throw new Error(`${where}: a '%' that is not %25, %0D or %0A: ${text}`);
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
}

function unescapeProperty(text: string, where: string): string {
  if (/%(?!25|0D|0A|3A|2C)/.test(text)) throw new Error(`${where}: a '%' that is not an escape the runner decodes: ${text}`);
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

/** Parses one line as an annotation command, or throws saying why it is not one. */
export function parseWorkflowCommand(line: string): WorkflowCommand {
  if (/[\r\n]/.test(line)) throw new Error(`a raw line break in ${JSON.stringify(line)}`);
  const m = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line);
  if (!m) throw new Error(`not a workflow command: ${line}`);
  const [, command, props, message] = m;
  if (!ANNOTATIONS.includes(command)) throw new Error(`not an annotation command (${ANNOTATIONS.join(', ')}): ${command}`);
  const properties: { [key: string]: string } = {};
  for (const pair of props ? props.split(',') : []) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new Error(`a property without '=': ${pair}`);
    const key = pair.slice(0, eq);
    if (!PROPERTIES.includes(key)) throw new Error(`an unknown property ${key} (known: ${PROPERTIES.join(', ')})`);
    if (key in properties) throw new Error(`property ${key} given twice`);
    properties[key] = unescapeProperty(pair.slice(eq + 1), key);
  }
  for (const key of ['line', 'col', 'endLine', 'endColumn']) {
    if (key in properties && !/^[1-9][0-9]*$/.test(properties[key])) throw new Error(`${key}=${properties[key]} is not a positive integer`);
  }
  if ('line' in properties && !('file' in properties)) throw new Error('line without file');
  return { command, properties, message: unescapeData(message, 'message') };
}
