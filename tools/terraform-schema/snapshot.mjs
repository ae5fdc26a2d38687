#!/usr/bin/env node
// Writes the tencentcloud Terraform provider's schema, as released, into test/data/ for the tests to check our
// Terraform text against: the registered resource and data source names, and for each resource the extension
// emits its attributes and its import id. Reads the provider's source at a release tag from a local git
// directory (a clone, or a bare mirror), never from the network:
//
//   node tools/terraform-schema/snapshot.mjs --git-dir PATH/terraform-provider-tencentcloud/.git --tag v1.83.25
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

/** The resources the extension writes, and where the provider defines them. */
const EMITTED = {
  tencentcloud_postgresql_readonly_group: 'tencentcloud/services/postgresql/resource_tc_postgresql_readonly_group.go',
  tencentcloud_postgresql_instance_network_access: 'tencentcloud/services/postgresql/resource_tc_postgresql_instance_network_access.go',
};

const here = path.dirname(fileURLToPath(import.meta.url));
export const SNAPSHOT_FILE = path.resolve(here, '..', '..', 'test', 'data', 'terraform-provider-tencentcloud.json');

function main() {
  const { values } = parseArgs({ options: { 'git-dir': { type: 'string' }, tag: { type: 'string' }, out: { type: 'string' } } });
  if (!values['git-dir'] || !values.tag) {
    console.error('usage: snapshot.mjs --git-dir <provider git dir> --tag <release tag> [--out file]');
    process.exit(2);
  }
  const show = (file) => execFileSync('git', ['--git-dir', values['git-dir'], 'show', `${values.tag}:${file}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const commit = execFileSync('git', ['--git-dir', values['git-dir'], 'rev-parse', `${values.tag}^{commit}`], { encoding: 'utf8' }).trim();
  const snapshot = buildSnapshot(show, values.tag, commit);
  const out = values.out ?? SNAPSHOT_FILE;
  writeFileSync(out, `${JSON.stringify(snapshot, null, 2)}\n`);
  console.log(`wrote ${out}: ${snapshot.resources.length} resources, ${snapshot.dataSources.length} data sources at ${values.tag}`);
}

export function buildSnapshot(show, tag, commit) {
  const providerGo = show('tencentcloud/provider.go');
  const separator = /const FILED_SP = "(.*)"/.exec(show('tencentcloud/common/common.go'))?.[1];
  if (!separator) throw new Error('FILED_SP not found in tencentcloud/common/common.go');
  const schemas = {};
  for (const [name, file] of Object.entries(EMITTED)) schemas[name] = resourceSchema(show(file), separator);
  return {
    provider: 'tencentcloudstack/tencentcloud',
    source: 'https://github.com/tencentcloudstack/terraform-provider-tencentcloud',
    tag,
    commit,
    resources: registeredNames(providerGo, 'ResourcesMap'),
    dataSources: registeredNames(providerGo, 'DataSourcesMap'),
    schemas,
  };
}

/** The names registered in provider.go's `ResourcesMap: map[string]*schema.Resource{ ... }` (or DataSourcesMap). */
function registeredNames(source, mapName) {
  const body = bracedBody(source, source.indexOf(`${mapName}: map[string]*schema.Resource{`));
  return [...body.matchAll(/^\s*"([a-z0-9_]+)"\s*:/gm)].map((m) => m[1]).sort();
}

/**
 * The top-level attributes of a resource's `Schema: map[string]*schema.Schema{ ... }`, its import id, the
 * attributes its Read sets (what an import fills in: an attribute it never sets stays empty in the state), and
 * the API field each is read from when Read copies one as it is.
 */
function resourceSchema(source, separator) {
  const body = bracedBody(source, source.indexOf('Schema: map[string]*schema.Schema{'));
  const attributes = {};
  for (const [name, fields] of topLevelEntries(body)) {
    const flag = (key) => new RegExp(`^\\s*${key}:\\s*true`, 'm').test(topLevelText(fields));
    const type = /^\s*Type:\s*schema\.(\w+)/m.exec(topLevelText(fields))?.[1];
    const elem = /Elem:\s*&schema\.Schema\{\s*Type:\s*schema\.(\w+)/.exec(fields)?.[1] ?? (/Elem:\s*&schema\.Resource\{/.test(fields) ? 'Resource' : undefined);
    attributes[name] = {
      type,
      ...(elem ? { elem } : {}),
      required: flag('Required'),
      optional: flag('Optional'),
      computed: flag('Computed'),
      forceNew: flag('ForceNew'),
    };
  }
  const read = readFunction(source);
  const readSets = [...new Set([...read.matchAll(/d\.Set\("(\w+)"/g)].map((m) => m[1]))].sort();
  // `d.Set("name", info.ReadOnlyGroupName)`: the API field each attribute is read back from, where it is one.
  const readFrom = Object.fromEntries([...read.matchAll(/d\.Set\("(\w+)",\s*\w+\.([A-Z]\w*)\)/g)].map((m) => [m[1], m[2]]));
  return { attributes, importId: importId(read, attributes, separator), readSets, readFrom };
}

/**
 * How the importer reads an id: every emitted resource uses ImportStatePassthrough, so the id is the resource
 * id as is; Read then splits it on FILED_SP ("#") into a fixed number of parts when the id is composite.
 */
function importId(read, attributes, separator) {
  const count = /len\(idSplit\)\s*!=\s*(\d+)/.exec(read);
  if (!count) return { separator: null, parts: ['id'] };
  const parts = [];
  for (let i = 0; i < Number(count[1]); i += 1) {
    const variable = new RegExp(`(\\w+)\\s*:=\\s*idSplit\\[${i}\\]`).exec(read)?.[1];
    if (!variable) throw new Error(`idSplit[${i}] is not assigned in Read`);
    const set = new RegExp(`d\\.Set\\("(\\w+)",\\s*${variable}\\)`).exec(read)?.[1];
    const snake = variable.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    const attribute = set ?? (snake in attributes ? snake : undefined);
    if (!attribute) throw new Error(`idSplit[${i}] (${variable}) matches no attribute`);
    parts.push(attribute);
  }
  return { separator, parts };
}

/** The body of the resource's Read function; the resource must use ImportStatePassthrough. */
function readFunction(source) {
  if (!/State:\s*schema\.ImportStatePassthrough/.test(source)) throw new Error('an importer other than ImportStatePassthrough: read it and extend this script');
  const name = /Read:\s*(\w+),/.exec(source)?.[1];
  if (!name) throw new Error('no Read function');
  // Skip the signature, whose `interface{}` holds the first brace after the name.
  const start = source.indexOf(`func ${name}(`);
  return bracedBody(source, start < 0 ? start : source.indexOf(') error {', start) + ') error '.length);
}

/** The text between the `{` that ends the line at `start` and its matching `}`. */
function bracedBody(source, start) {
  if (start < 0) throw new Error('not found in the provider source');
  const open = source.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < source.length; i += 1) {
    if (source[i] === '{') depth += 1;
    else if (source[i] === '}' && (depth -= 1) === 0) return source.slice(open + 1, i);
  }
  throw new Error('unbalanced braces');
}

/** `"name": { ... },` entries at the top level of a schema map body. */
function* topLevelEntries(body) {
  const pattern = /"([a-z0-9_]+)":\s*\{/g;
  let match;
  while ((match = pattern.exec(body)) !== null) {
    const fields = bracedBody(body, match.index + match[0].length - 1);
    yield [match[1], fields];
    pattern.lastIndex = match.index + match[0].length + fields.length;
  }
}

/** A schema entry's text without its nested braces, so that a nested attribute's flags are not read as its own. */
function topLevelText(fields) {
  let depth = 0;
  let out = '';
  for (const char of fields) {
    if (char === '{') depth += 1;
    if (depth === 0) out += char;
    if (char === '}') depth -= 1;
  }
  return out;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
