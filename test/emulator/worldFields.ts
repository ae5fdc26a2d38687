/** Reading a world file field by field: each reader checks one field and reports `path.field: problem`. */

export class WorldValidationError extends Error {
  constructor(
    readonly fieldPath: string,
    readonly problem: string,
  ) {
    super(`${fieldPath}: ${problem}`);
    this.name = 'WorldValidationError';
  }
}

export const TIME_PATTERN = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

type Json = Record<string, unknown>;

/** Field readers: each checks one field and reports `path.field: problem`. */
export class Fields {
  constructor(
    private readonly value: Json,
    readonly path: string,
  ) {}

  static of(value: unknown, path: string, allowed: readonly string[]): Fields {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      throw new WorldValidationError(path, 'expected object');
    }
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) throw new WorldValidationError(`${path}.${key}`, 'unknown field');
    }
    return new Fields(value as Json, path);
  }

  at(key: string): string {
    return `${this.path}.${key}`;
  }

  has(key: string): boolean {
    return this.value[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.value[key];
  }

  string(key: string, pattern?: RegExp, patternText?: string): string {
    const v = this.value[key];
    if (typeof v !== 'string') throw new WorldValidationError(this.at(key), v === undefined ? 'required string is missing' : 'expected string');
    if (v.length === 0) throw new WorldValidationError(this.at(key), 'must not be empty');
    if (pattern && !pattern.test(v)) throw new WorldValidationError(this.at(key), `expected ${patternText ?? pattern.source}, got "${v}"`);
    return v;
  }

  optionalString(key: string, pattern?: RegExp, patternText?: string): string | undefined {
    return this.has(key) ? this.string(key, pattern, patternText) : undefined;
  }

  oneOf<T extends string>(key: string, options: readonly T[]): T {
    const v = this.string(key);
    if (!(options as readonly string[]).includes(v)) {
      throw new WorldValidationError(this.at(key), `expected one of ${options.join('|')}, got "${v}"`);
    }
    return v as T;
  }

  optionalOneOf<T extends string>(key: string, options: readonly T[]): T | undefined {
    return this.has(key) ? this.oneOf(key, options) : undefined;
  }

  integer(key: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
    const v = this.value[key];
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      throw new WorldValidationError(this.at(key), v === undefined ? 'required integer is missing' : 'expected integer');
    }
    if (v < min || v > max) throw new WorldValidationError(this.at(key), `expected ${min}..${max}, got ${v}`);
    return v;
  }

  optionalInteger(key: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
    return this.has(key) ? this.integer(key, min, max) : undefined;
  }

  boolean(key: string): boolean {
    const v = this.value[key];
    if (typeof v !== 'boolean') throw new WorldValidationError(this.at(key), v === undefined ? 'required boolean is missing' : 'expected boolean');
    return v;
  }

  optionalBoolean(key: string): boolean | undefined {
    return this.has(key) ? this.boolean(key) : undefined;
  }

  array<T>(key: string, item: (value: unknown, path: string) => T): T[] {
    const v = this.value[key];
    if (!Array.isArray(v)) throw new WorldValidationError(this.at(key), v === undefined ? 'required array is missing' : 'expected array');
    return v.map((element, index) => item(element, `${this.at(key)}[${index}]`));
  }
}

export function withoutUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
