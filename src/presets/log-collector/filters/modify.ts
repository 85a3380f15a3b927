import { boundFilter, BoundLogFilter, FilterContext, LogFilterOptions, readFilterCommon } from './common';
import { p } from '../outputs/common';
import { PluginOptions } from '../plugin-options';

/**
 * One rule of `LogFilter.modify()`. Rules apply in order, each to the result of the one before. Keys and
 * values are single words (fluent-bit splits a rule on blanks).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/modify
 */
export class ModifyOperation {
  /** Set `key` to `value`, replacing an existing value (`Set`). */
  public static set(key: string, value: string): ModifyOperation {
    return new ModifyOperation('Set', [key, value]);
  }

  /** Add `key` with `value` unless the key exists (`Add`). */
  public static add(key: string, value: string): ModifyOperation {
    return new ModifyOperation('Add', [key, value]);
  }

  /** Remove `key` (`Remove`). */
  public static remove(key: string): ModifyOperation {
    return new ModifyOperation('Remove', [key]);
  }

  /** Remove every key matching the wildcard pattern, e.g. `kubernetes.annotations.*` (`Remove_wildcard`). */
  public static removeWildcard(pattern: string): ModifyOperation {
    return new ModifyOperation('Remove_wildcard', [pattern]);
  }

  /** Remove every key matching the regular expression (`Remove_regex`). */
  public static removeRegex(regex: string): ModifyOperation {
    return new ModifyOperation('Remove_regex', [regex]);
  }

  /** Rename `key` to `newKey` unless `newKey` exists (`Rename`). */
  public static rename(key: string, newKey: string): ModifyOperation {
    return new ModifyOperation('Rename', [key, newKey]);
  }

  /** Rename `key` to `newKey`, replacing an existing `newKey` (`Hard_rename`). */
  public static hardRename(key: string, newKey: string): ModifyOperation {
    return new ModifyOperation('Hard_rename', [key, newKey]);
  }

  /** Copy `key` to `newKey` unless `newKey` exists (`Copy`). */
  public static copy(key: string, newKey: string): ModifyOperation {
    return new ModifyOperation('Copy', [key, newKey]);
  }

  /** Copy `key` to `newKey`, replacing an existing `newKey` (`Hard_copy`). */
  public static hardCopy(key: string, newKey: string): ModifyOperation {
    return new ModifyOperation('Hard_copy', [key, newKey]);
  }

  /** Move keys matching the wildcard pattern to the start of the record (`Move_to_start`). */
  public static moveToStart(pattern: string): ModifyOperation {
    return new ModifyOperation('Move_to_start', [pattern]);
  }

  /** Move keys matching the wildcard pattern to the end of the record (`Move_to_end`). */
  public static moveToEnd(pattern: string): ModifyOperation {
    return new ModifyOperation('Move_to_end', [pattern]);
  }

  /** The fluent-bit rule, e.g. `Rename`. */
  public readonly rule: string;

  /** Its arguments, in order. */
  public readonly args: string[];

  private constructor(rule: string, args: string[]) {
    this.rule = rule;
    this.args = args;
  }
}

/**
 * A condition of `LogFilter.modify()`: the rules apply only to records meeting every condition.
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/modify
 */
export class ModifyCondition {
  /** `key` exists (`Key_exists`). */
  public static keyExists(key: string): ModifyCondition {
    return new ModifyCondition('Key_exists', [key]);
  }

  /** `key` does not exist (`Key_does_not_exist`). */
  public static keyDoesNotExist(key: string): ModifyCondition {
    return new ModifyCondition('Key_does_not_exist', [key]);
  }

  /** Some key matches the regular expression (`A_key_matches`). */
  public static aKeyMatches(regex: string): ModifyCondition {
    return new ModifyCondition('A_key_matches', [regex]);
  }

  /** No key matches the regular expression (`No_key_matches`). */
  public static noKeyMatches(regex: string): ModifyCondition {
    return new ModifyCondition('No_key_matches', [regex]);
  }

  /** `key` exists and its value is `value` (`Key_value_equals`). */
  public static keyValueEquals(key: string, value: string): ModifyCondition {
    return new ModifyCondition('Key_value_equals', [key, value]);
  }

  /** `key` exists and its value is not `value` (`Key_value_does_not_equal`). */
  public static keyValueDoesNotEqual(key: string, value: string): ModifyCondition {
    return new ModifyCondition('Key_value_does_not_equal', [key, value]);
  }

  /** `key` exists and its value matches the regular expression (`Key_value_matches`). */
  public static keyValueMatches(key: string, regex: string): ModifyCondition {
    return new ModifyCondition('Key_value_matches', [key, regex]);
  }

  /** `key` exists and its value does not match the regular expression (`Key_value_does_not_match`). */
  public static keyValueDoesNotMatch(key: string, regex: string): ModifyCondition {
    return new ModifyCondition('Key_value_does_not_match', [key, regex]);
  }

  /** Every key matching `keyRegex` has a value matching `valueRegex` (`Matching_keys_have_matching_values`). */
  public static matchingKeysHaveMatchingValues(keyRegex: string, valueRegex: string): ModifyCondition {
    return new ModifyCondition('Matching_keys_have_matching_values', [keyRegex, valueRegex]);
  }

  /** Every key matching `keyRegex` has a value not matching `valueRegex` (`Matching_keys_do_not_have_matching_values`). */
  public static matchingKeysDoNotHaveMatchingValues(keyRegex: string, valueRegex: string): ModifyCondition {
    return new ModifyCondition('Matching_keys_do_not_have_matching_values', [keyRegex, valueRegex]);
  }

  /** The fluent-bit condition, e.g. `Key_exists`. */
  public readonly condition: string;

  /** Its arguments, in order. */
  public readonly args: string[];

  private constructor(condition: string, args: string[]) {
    this.condition = condition;
    this.args = args;
  }
}

/**
 * Options for `LogFilter.modify()`: set, rename, copy, move and remove record keys (`modify` filter).
 * @see https://docs.fluentbit.io/manual/data-pipeline/filters/modify
 */
export interface ModifyFilterOptions extends LogFilterOptions {
  /**
   * The rules, applied in order. In the YAML configuration format, rules of one kind are written together
   * (one key per rule kind), so interleaving kinds (Rename, Add, Rename) is refused there.
   */
  readonly operations: ModifyOperation[];

  /**
   * Conditions every record must meet for the rules to apply (`Condition`).
   * @default - none: every matched record
   */
  readonly conditions?: ModifyCondition[];
}

/** Binds `LogFilter.modify()`: conditions first, then the rules in order. @internal */
export function modifyFilter(raw: unknown, ctx: FilterContext): BoundLogFilter {
  const o = new PluginOptions(ctx, raw, 'a ModifyFilterOptions object');
  const c = readFilterCommon(o);
  const made = 'a ModifyOperation (ModifyOperation.set(), .rename(), .remove(), ...)';
  const operations = o.instances('operations', ModifyOperation, made, true)!;
  if (operations.length === 0) throw o.fail('operations', operations, `a non-empty list of ${made}`);
  const conditions = o.instances('conditions', ModifyCondition, 'a ModifyCondition (ModifyCondition.keyExists(), ...)') ?? [];
  const words = (option: string, args: string[]) => args.map((a, j) => {
    // eslint-disable-next-line no-control-regex
    if (typeof a !== 'string' || a === '' || /\s/.test(a) || /[\u0000-\u001f\u007f]/.test(a)) {
      throw o.fail(`${option}.args[${j}]`, a, 'a single word without blanks (fluent-bit splits a rule on blanks)');
    }
    return a;
  }).join(' ');
  const body = [
    ...conditions.map((x, i) => p('Condition', `${x.condition} ${words(`conditions[${i}]`, x.args)}`)),
    ...operations.map((x, i) => p(x.rule, words(`operations[${i}]`, x.args))),
  ];
  o.done();
  return boundFilter('modify', c, body, { ordered: true });
}
