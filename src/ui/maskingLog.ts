import type * as vscode from 'vscode';
import { maskSecretIdsIn } from '../domain/secretIdMask';

/** The channel's methods that write text; every string (or Error) given to them is masked first. */
const WRITERS = new Set(['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace']);

function masked(value: unknown): unknown {
  if (typeof value === 'string') return maskSecretIdsIn(value);
  if (value instanceof Error) return maskSecretIdsIn(value.stack ?? `${value.name}: ${value.message}`);
  return value;
}

/**
 * The log channel as every part of the extension sees it: no line can carry a SecretId-shaped text whole, whoever
 * wrote it (one place instead of a mask at each of the log calls).
 */
export function maskingLog<T extends Pick<vscode.LogOutputChannel, 'info'>>(channel: T): T {
  return new Proxy(channel, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      const method = value as (...args: unknown[]) => unknown;
      if (typeof property === 'string' && WRITERS.has(property)) {
        return (...args: unknown[]) => method.apply(target, args.map(masked));
      }
      return method.bind(target);
    },
  });
}
