/**
 * Request parameter checking as the API gateway does it before an action runs: unknown names, missing required
 * parameters and wrong JSON types are refused with the gateway's error codes, naming the parameter.
 */
import { ApiError } from './apiError';

export type ParamType = 'String' | 'Integer' | 'Boolean' | { readonly arrayOf: ParamType } | { readonly fields: ParamSchema };

export interface ParamSpec {
  readonly type: ParamType;
  readonly required?: boolean;
}

export type ParamSchema = Readonly<Record<string, ParamSpec>>;

export type Params = Record<string, unknown>;

export const FILTERS: ParamSpec = {
  type: { arrayOf: { fields: { Name: { type: 'String', required: true }, Values: { type: { arrayOf: 'String' }, required: true } } } },
};

export function validateParams(body: unknown, schema: ParamSchema): Params {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError('InvalidParameter', 'The request body must be a JSON object.');
  }
  checkObject(body as Params, schema, '');
  return body as Params;
}

function checkObject(value: Params, schema: ParamSchema, prefix: string): void {
  for (const name of Object.keys(value)) {
    if (!(name in schema)) throw new ApiError('UnknownParameter', `The parameter \`${prefix}${name}\` is not recognized.`);
  }
  for (const [name, spec] of Object.entries(schema)) {
    const v = value[name];
    if (v === undefined || v === null) {
      if (spec.required) throw new ApiError('MissingParameter', `The request is missing a required parameter \`${prefix}${name}\`.`);
      continue;
    }
    checkValue(v, spec.type, `${prefix}${name}`);
  }
}

function typeName(type: ParamType): string {
  if (typeof type === 'string') return type;
  return 'arrayOf' in type ? `Array of ${typeName(type.arrayOf)}` : 'Object';
}

function checkValue(value: unknown, type: ParamType, path: string): void {
  const wrongType = (): ApiError =>
    new ApiError('InvalidParameter', `The type of parameter \`${path}\` is invalid: expected ${typeName(type)}.`);
  if (type === 'String') {
    if (typeof value !== 'string') throw wrongType();
  } else if (type === 'Integer') {
    if (typeof value !== 'number' || !Number.isInteger(value)) throw wrongType();
  } else if (type === 'Boolean') {
    if (typeof value !== 'boolean') throw wrongType();
  } else if ('arrayOf' in type) {
    if (!Array.isArray(value)) throw wrongType();
    value.forEach((element, index) => checkValue(element, type.arrayOf, `${path}.${index}`));
  } else {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw wrongType();
    checkObject(value as Params, type.fields, `${path}.`);
  }
}

/** Typed readers for parameters that have passed validateParams. */
export function str(params: Params, name: string): string | undefined {
  return params[name] as string | undefined;
}

export function int(params: Params, name: string): number | undefined {
  return params[name] as number | undefined;
}

export function bool(params: Params, name: string): boolean | undefined {
  return params[name] as boolean | undefined;
}

export function strings(params: Params, name: string): string[] | undefined {
  return params[name] as string[] | undefined;
}

export interface Filter {
  readonly Name: string;
  readonly Values: readonly string[];
}

/**
 * Filters by name (values of one filter are OR-ed, filters AND-ed). A filter name the action does not know is
 * refused with `unknownCode`.
 */
export function readFilters(params: Params, known: readonly string[], unknownCode: string): Map<string, readonly string[]> {
  const filters = (params['Filters'] as Filter[] | undefined) ?? [];
  const byName = new Map<string, readonly string[]>();
  for (const filter of filters) {
    if (!known.includes(filter.Name)) throw new ApiError(unknownCode, `The filter name \`${filter.Name}\` is not supported.`);
    byName.set(filter.Name, [...(byName.get(filter.Name) ?? []), ...filter.Values]);
  }
  return byName;
}

export function integerInRange(value: number | undefined, name: string, min: number, max: number, fallback: number, code = 'InvalidParameterValue'): number {
  if (value === undefined) return fallback;
  if (value < min || value > max) throw new ApiError(code, `The value of parameter \`${name}\` must be between ${min} and ${max}.`);
  return value;
}

export function oneOfValue<T extends string>(value: string | undefined, name: string, options: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (!(options as readonly string[]).includes(value)) {
    throw new ApiError('InvalidParameterValue', `The value of parameter \`${name}\` must be one of ${options.join(', ')}.`);
  }
  return value as T;
}
