import { DaemonSetsError } from '../../errors';
import { FluentBitClassicLayout, FluentBitSection } from '../fluent-bit-config';
import { yamlEntry, yamlOrderProblem } from '../fluent-bit-yaml';
import { renderCollectorConfig } from './config';
import { BoundLogFilter } from './filters/common';
import { BoundLogInput, InputRenderContext } from './inputs/common';
import { BoundLogParser } from './parsers/common';
import { FluentBitConfigFormat } from './props';

/**
 * The collector's bound inputs, filters and parsers: what makes them unique in one configuration (aliases,
 * position databases, parser names), the order fluent-bit needs (multiline filters first, the default
 * kubernetes filter unless one is given), and the rendering in either format.
 * @internal
 */
export class CollectorPipeline {
  public readonly inputs: BoundLogInput[] = [];
  public readonly parsers: BoundLogParser[] = [];
  private readonly filters: BoundLogFilter[] = [];
  private defaultKubernetes?: BoundLogFilter;
  private readonly counts = new Map<string, number>();

  constructor(private readonly at: string, public readonly format: FluentBitConfigFormat) {}

  /** 1 for the first plugin of this kind and name, 2 for the second, ... (counted when called). */
  public ordinal(kind: 'input' | 'filter', plugin: string): number {
    const key = `${kind}:${plugin}`;
    const n = (this.counts.get(key) ?? 0) + 1;
    this.counts.set(key, n);
    return n;
  }

  /** Adds an input whose alias and position database no other input has. */
  public addInput(input: BoundLogInput, field: string): void {
    for (const other of this.inputs) {
      if (input.alias !== undefined && other.alias !== undefined && input.alias.toLowerCase() === other.alias.toLowerCase()) {
        throw this.fail(field, `the alias '${input.alias}' is already used by another ${other.plugin} input; give each input its own alias`);
      }
      if (input.database !== undefined && input.database === other.database) {
        throw this.fail(field, `the position database '${input.database}' is already used by another ${other.plugin} input; two inputs would overwrite each other's positions, give this one another alias or database`);
      }
    }
    this.inputs.push(input);
  }

  /** The kubernetes filter from `kubernetesMetadata`, used unless a `LogFilter.kubernetes()` is given. */
  public setDefaultKubernetes(filter: BoundLogFilter): void {
    this.defaultKubernetes = filter;
  }

  /** Adds a filter, refusing what fluent-bit would loop on or the YAML format could not keep. */
  public addFilter(filter: BoundLogFilter, field: string, kubernetesMetadataOptions: boolean): void {
    if (filter.kubernetes && kubernetesMetadataOptions) {
      throw this.fail(field, 'a LogFilter.kubernetes() replaces the kubernetes filter of kubernetesMetadata, whose options are also given; move them into LogFilter.kubernetes()');
    }
    if (filter.first) {
      const twin = this.filters.find(f => f.first && f.match === filter.match);
      if (twin) {
        throw this.fail(field, `a second multiline filter matches '${filter.match}'; each re-emits its records to the other forever, so give one filter the parsers of both (multiline.parser takes several)`);
      }
    }
    if (this.format === FluentBitConfigFormat.YAML && filter.ordered) {
      const problem = yamlOrderProblem(filter.section);
      if (problem) throw this.fail(field, `the ${filter.plugin} filter cannot be written in the YAML format: ${problem}`);
    }
    this.filters.push(filter);
  }

  /** Adds a parser whose name no other custom parser has. */
  public addParser(parser: BoundLogParser, field: string): void {
    if (this.parsers.some(x => x.name === parser.name)) {
      throw this.fail(field, `a parser named '${parser.name}' is already defined; give each parser its own name`);
    }
    if (this.format === FluentBitConfigFormat.YAML) {
      try {
        yamlEntry(parser.section);
      } catch (e) {
        throw this.fail(field, `the parser '${parser.name}' cannot be written in the YAML format: ${(e as Error).message}`);
      }
    }
    this.parsers.push(parser);
  }

  /** Whether a filter reads pod metadata from the kubelet. */
  public get usesKubelet(): boolean {
    return this.filterList().some(f => f.useKubelet);
  }

  /** The filters in the order fluent-bit applies them. */
  public filterList(): BoundLogFilter[] {
    const explicit = this.filters.some(f => f.kubernetes);
    const kubernetes = !explicit && this.defaultKubernetes ? [this.defaultKubernetes] : [];
    return [...this.filters.filter(f => f.first), ...kubernetes, ...this.filters.filter(f => !f.first)];
  }

  /** The configuration files. */
  public render(
    service: FluentBitSection, outputs: FluentBitSection[], r: InputRenderContext, layout: FluentBitClassicLayout = {},
  ): { readonly main: string; readonly parsers?: string } {
    return renderCollectorConfig(this.format, {
      service,
      inputs: this.inputs.map(i => i.section(r)),
      filters: this.filterList().map(f => f.section),
      outputs,
      parsers: this.parsers.map(x => x.section),
    }, layout);
  }

  private fail(field: string, message: string): DaemonSetsError {
    return new DaemonSetsError(`${this.at}: ${field}: ${message}.`, this.at, field);
  }
}
