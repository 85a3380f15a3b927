import { ValidationResult } from './located-findings';

/**
 * `validate --format json`: `{ objects, findings, failed, suppressed }`, each finding with its rule id, severity,
 * object, JSON path, message, hint, and (read from a file) `file`, `line` and `column`. `suppressed` holds the
 * findings suppression annotations hide, in the same form plus `reason` and `annotation`; they never count
 * towards `failed`.
 */
export function formatJson(result: ValidationResult): string {
  const document = { objects: result.objectCount, findings: result.findings, failed: result.failed, suppressed: result.suppressed };
  return `${JSON.stringify(document, undefined, 2)}\n`;
}
