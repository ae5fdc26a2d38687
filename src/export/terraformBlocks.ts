import { hclString, identifierPart } from './hcl';
import { uniqueNames } from './terraformNames';

/**
 * The provider release whose schema the extension's Terraform was checked against: test/data holds its snapshot
 * (tools/terraform-schema/snapshot.mjs), and every file the extension writes requires at least this release.
 */
export const CHECKED_PROVIDER_VERSION = '1.83.25';

/** The provider's registry address: without it in required_providers, `terraform init` looks for hashicorp/tencentcloud. */
export const PROVIDER_SOURCE = 'tencentcloudstack/tencentcloud';

export type Attribute = readonly [name: string, value: string];

/** A block with its attributes aligned as `terraform fmt` writes them, then any nested lines as they are. */
export function block(header: string, attributes: readonly Attribute[], nested: readonly string[] = []): string {
  const width = Math.max(0, ...attributes.map(([key]) => key.length));
  const body = attributes.map(([key, value]) => `  ${key.padEnd(width)} = ${value}`);
  return [`${header} {`, ...body, ...nested, '}'].join('\n');
}

/** `terraform { required_providers { ... } }`: what makes a file stand alone for `terraform init`. */
export function requiredProvidersBlock(): string {
  return [
    'terraform {',
    '  required_providers {',
    '    tencentcloud = {',
    `      source  = ${hclString(PROVIDER_SOURCE)}`,
    `      version = ${hclString(`>= ${CHECKED_PROVIDER_VERSION}`)}`,
    '    }',
    '  }',
    '}',
  ].join('\n');
}

/** One aliased provider block per region, so no resource depends on the default provider's region. */
export function providerBlocks(aliases: ReadonlyMap<string, string>): string[] {
  return [...aliases].map(([region, alias]) => block('provider "tencentcloud"', [['alias', hclString(alias)], ['region', hclString(region)]]));
}

/** Region ids as provider aliases ("ap-guangzhou" -> "ap_guangzhou"), unique even if two only differ in punctuation. */
export function providerAliases(regions: readonly string[]): Map<string, string> {
  const bases = regions.map((region) => {
    const part = identifierPart(region, 60).replace(/-/g, '_') || 'region';
    return /^[a-z_]/.test(part) ? part : `_${part}`;
  });
  const unique = uniqueNames(bases);
  return new Map(regions.map((region, index) => [region, unique[index]]));
}

/** `provider = tencentcloud.<alias>` as the first attribute of a block, when a provider is named. */
export function providerAttribute(alias: string | undefined): Attribute[] {
  return alias === undefined ? [] : [['provider', `tencentcloud.${alias}`]];
}

/** A Terraform 1.5+ import block that adopts an existing object into `address`. */
export function importBlock(address: string, id: string, providerAlias?: string): string {
  return block('import', [...providerAttribute(providerAlias), ['to', address], ['id', hclString(id)]]);
}
