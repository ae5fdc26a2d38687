import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseHcl } from './hclParser';

/** test/data/terraform-provider-tencentcloud.json, written by tools/terraform-schema/snapshot.mjs from the provider's source. */
export interface ProviderSnapshot {
  readonly provider: string;
  readonly tag: string;
  readonly commit: string;
  readonly resources: readonly string[];
  readonly dataSources: readonly string[];
  readonly schemas: Readonly<Record<string, ResourceSchema>>;
}

export interface ResourceSchema {
  readonly attributes: Readonly<Record<string, AttributeSchema>>;
  /** separator null: the id is the resource id as it is; otherwise Read splits it into `parts` (attribute names). */
  readonly importId: { readonly separator: string | null; readonly parts: readonly string[] };
  /** The attributes Read sets: after an import, the state holds these and no others. */
  readonly readSets: readonly string[];
  /** The API field Read copies into an attribute, where it copies one as it is. */
  readonly readFrom: Readonly<Record<string, string>>;
}

export interface AttributeSchema {
  readonly type: string;
  readonly elem?: string;
  readonly required: boolean;
  readonly optional: boolean;
  readonly computed: boolean;
  readonly forceNew: boolean;
}

export const snapshot = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../../../test/data/terraform-provider-tencentcloud.json'), 'utf8'),
) as ProviderSnapshot;

/** Arguments Terraform itself takes in every resource block, whatever the provider's schema says. */
const META_ARGUMENTS = new Set(['provider', 'lifecycle', 'count', 'for_each', 'depends_on']);

type Body = Record<string, unknown>;
interface ParsedFile {
  terraform?: Body[];
  provider?: Record<string, Body[]>;
  resource?: Record<string, Record<string, Body[]>>;
  import?: { to: string; id: string; provider?: string }[];
}

export interface CheckedFile {
  readonly parsed: ParsedFile;
  /** Every resource block, as "type.name" -> its body. */
  readonly resources: ReadonlyMap<string, Body>;
}

/**
 * Checks Terraform text against the provider as released: it parses (Terraform's own HCL parser), every resource
 * type is registered, every attribute exists and can be set (not computed-only), every required one is set, and
 * every import block adopts a resource of the file with an id its importer can read. Throws an AssertionError
 * naming the first problem; returns what it parsed.
 */
export async function checkAgainstProvider(text: string, options: { readonly standalone: boolean }): Promise<CheckedFile> {
  const parsed = (await parseHcl(text)) as ParsedFile;
  const resources = new Map<string, Body>();
  for (const [type, byName] of Object.entries(parsed.resource ?? {})) {
    assert.ok(snapshot.resources.includes(type), `${type} is not a resource of ${snapshot.provider} ${snapshot.tag}`);
    const schema = snapshot.schemas[type];
    assert.ok(schema, `${type} has no schema in the snapshot: add it to tools/terraform-schema/snapshot.mjs`);
    for (const [name, bodies] of Object.entries(byName)) {
      assert.equal(bodies.length, 1, `${type}.${name} is declared ${bodies.length} times`);
      checkResourceBody(`${type}.${name}`, bodies[0], schema);
      resources.set(`${type}.${name}`, bodies[0]);
    }
  }
  for (const entry of parsed.import ?? []) {
    const address = /^\$\{(.+)\}$/.exec(entry.to)?.[1];
    assert.ok(address && resources.has(address), `import to ${entry.to}: no such resource in the file`);
    const type = address.split('.')[0];
    checkImportId(address, unescapeLiteral(entry.id), resources.get(address) ?? {}, snapshot.schemas[type]);
    assert.equal(entry.provider, resources.get(address)?.provider, `import of ${address} names another provider than its resource`);
  }
  if (options.standalone) checkStandalone(parsed, resources);
  return { parsed, resources };
}

function checkResourceBody(address: string, body: Body, schema: ResourceSchema): void {
  for (const key of Object.keys(body)) {
    if (META_ARGUMENTS.has(key)) continue;
    const attribute = schema.attributes[key];
    assert.ok(attribute, `${address}: ${key} is not an attribute of the resource`);
    assert.ok(attribute.required || attribute.optional, `${address}: ${key} is computed only and cannot be set`);
  }
  for (const [key, attribute] of Object.entries(schema.attributes)) {
    if (attribute.required) assert.ok(key in body, `${address}: the required ${key} is not set`);
  }
}

/** The importer's way: the id as it is, or split on the separator into exactly the parts its Read assigns. */
function checkImportId(address: string, id: string, body: Body, schema: ResourceSchema | undefined): void {
  assert.ok(schema, `${address}: no schema`);
  assert.ok(id !== '', `${address}: empty import id`);
  const { separator, parts } = schema.importId;
  if (separator === null) return;
  const values = id.split(separator);
  assert.equal(values.length, parts.length, `${address}: import id ${id} has ${values.length} parts, the importer reads ${parts.length}`);
  parts.forEach((attribute, index) => {
    assert.ok(values[index] !== '', `${address}: import id ${id} has an empty ${attribute}`);
    if (attribute in body) assert.equal(values[index], unescapeLiteral(String(body[attribute])), `${address}: import id part ${attribute}`);
  });
}

/** required_providers with the provider's own source, and every resource on an aliased provider with its region set. */
function checkStandalone(parsed: ParsedFile, resources: ReadonlyMap<string, Body>): void {
  const required = (parsed.terraform ?? []).flatMap((block) => (block.required_providers as Body[] | undefined) ?? []);
  const tencentcloud = required.map((entry) => entry.tencentcloud as Body | undefined).find(Boolean);
  assert.ok(tencentcloud, 'no terraform { required_providers { tencentcloud = ... } }');
  assert.equal(tencentcloud.source, snapshot.provider);
  assert.equal(tencentcloud.version, `>= ${snapshot.tag.replace(/^v/, '')}`);
  const providers = parsed.provider?.tencentcloud ?? [];
  const aliases = new Map(providers.map((block) => [`\${tencentcloud.${String(block.alias)}}`, block.region]));
  for (const block of providers) assert.ok(typeof block.alias === 'string' && typeof block.region === 'string', 'a provider block without alias or region');
  for (const [address, body] of resources) {
    assert.ok(typeof body.provider === 'string' && aliases.has(body.provider), `${address} is not on an aliased provider of the file`);
  }
}

/** Terraform's JSON syntax writes `${` as `$${`: a literal read back from hcl2json, as Terraform holds it. */
export function unescapeLiteral(value: string): string {
  return value.replace(/([$%])\1\{/g, '$1{');
}
