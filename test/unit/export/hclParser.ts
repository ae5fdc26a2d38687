import { createRequire } from 'node:module';

interface Hcl2Json {
  parse(filename: string, contents: string): Promise<unknown>;
}

/**
 * HashiCorp's HCL parser (the one Terraform uses, compiled to WASM) from @cdktf/hcl2json. Loaded untyped on
 * purpose: its typings pull the DOM library into the whole program, which would let src/ use browser globals
 * unnoticed.
 */
const hcl2json = createRequire(__filename)('@cdktf/hcl2json') as Hcl2Json;

/** The file as Terraform's JSON syntax describes it; rejects with the parser's message on a syntax error. */
export function parseHcl(contents: string, filename = 'export.tf'): Promise<unknown> {
  return hcl2json.parse(filename, contents);
}

/**
 * A literal string as hcl2json writes it back in Terraform's JSON syntax, where `${` and `%{` are escaped as
 * `$${` and `%%{` (so an interpolation that slipped through unescaped comes back differently), after the NFC
 * normalisation HCL applies to every string literal.
 */
export function asJsonSyntaxLiteral(value: string): string {
  return value.normalize('NFC').replace(/[$%]\{/g, (sequence) => `${sequence[0]}${sequence}`);
}
