/**
 * Enum values of `+enum` fields, from openapi-gen's Go output (pkg/generated/openapi/zz_generated.openapi.go of
 * k8s.io/kubernetes): the API server serves them, but api/openapi-spec/swagger.json leaves them out (without them
 * `imagePullPolicy: Sometimes` would pass). Used by scripts/gen-k8s-schemas.ts.
 */

/** Where an enum sits in a definition: property names, `[]` for array items, `{}` for map values. */
export interface EnumAt {
  readonly path: string[];
  readonly values: string[];
}

/**
 * Enum values per definition. Each `"<property>": {` line opens a property, `Items:` an array item and
 * `AdditionalProperties:` a map value; gofmt's tab indentation gives the nesting.
 */
export function parseEnums(go: string, wanted: Set<string>): Map<string, EnumAt[]> {
  // Import aliases (newer openapi-gen keys its map with `alias.Type{}.OpenAPIModelName()`).
  const aliases = new Map<string, string>();
  for (const m of go.matchAll(/^\t(\w+) "([^"]+)"$/gm)) aliases.set(m[1], m[2]);
  const funcToDef = new Map<string, string>();
  for (const m of go.matchAll(/^\t\t(?:"([^"]+)"|(\w+)\.(\w+)\{\}\.OpenAPIModelName\(\)):\s+(schema_\w+)\(ref\),$/gm)) {
    const goName = m[1] ?? `${aliases.get(m[2]) ?? m[2]}.${m[3]}`;
    funcToDef.set(m[4], goNameToDefinition(goName));
  }
  if (funcToDef.size === 0) throw new Error('zz_generated.openapi.go: no definition map found');

  const result = new Map<string, EnumAt[]>();
  for (const m of go.matchAll(/^func (schema_\w+)\(ref common\.ReferenceCallback\) common\.OpenAPIDefinition \{\n([\s\S]*?)^\}$/gm)) {
    const def = funcToDef.get(m[1]);
    if (!def || !wanted.has(def)) continue;
    if (!result.has(def)) result.set(def, []);
    result.get(def)!.push(...enumsOfFunction(m[2]));
  }
  return result;
}

function enumsOfFunction(body: string): EnumAt[] {
  const found: EnumAt[] = [];
  const stack: { indent: number; seg: string }[] = [];
  for (const line of body.split('\n')) {
    const indent = line.length - line.replace(/^\t+/, '').length;
    while (stack.length && stack[stack.length - 1].indent >= indent) stack.pop();
    const text = line.trim();
    let seg: string | undefined;
    const prop = /^"([^"]+)": \{$/.exec(text);
    if (prop) seg = prop[1];
    else if (text.startsWith('Items: &spec.SchemaOrArray{')) seg = '[]';
    else if (text.startsWith('AdditionalProperties: &spec.SchemaOrBool{')) seg = '{}';
    if (seg) { stack.push({ indent, seg }); continue; }
    const en = /^Enum:\s+\[\]interface\{\}\{(.*)\},$/.exec(text);
    // Deprecated aliases repeat values (externalTrafficPolicy: "Cluster", "Cluster", "Local", "Local").
    if (en) found.push({ path: stack.map(s => s.seg), values: [...new Set<string>(JSON.parse(`[${en[1]}]`))] });
  }
  return found;
}

/** `k8s.io/api/core/v1.Container` -> `io.k8s.api.core.v1.Container` (the OpenAPI definition name). */
function goNameToDefinition(goName: string): string {
  if (/^io\.k8s\./.test(goName)) return goName;
  const [domain, ...rest] = goName.split('/');
  return [...domain.split('.').reverse(), ...rest].join('.');
}
