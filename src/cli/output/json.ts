import { ValidationResult } from './located-findings';

/**
 * `validate --format json`: `{ objects, findings, failed }`, each finding with its rule id, severity, object,
 * JSON path, message, hint, and (read from a file) `file`, `line` and `column`.
 */
export function formatJson(result: ValidationResult): string {
  return `${JSON.stringify({ objects: result.objectCount, findings: result.findings, failed: result.failed }, undefined, 2)}\n`;
}
