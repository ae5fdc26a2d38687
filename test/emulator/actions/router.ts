/**
 * Finds the action a request names. A request signed for a known product (scope service `postgres` or `vpc`) may
 * only call that product's actions, as on the real endpoints; any other scope (an IP endpoint signs as `127`) is
 * routed by action name alone.
 */
import { ApiError } from '../apiError';
import type { ActionDefinition, Product } from './action';
import { POSTGRES_ACTIONS } from './postgres';
import { VPC_ACTIONS } from './vpc';

const ALL_ACTIONS: readonly ActionDefinition[] = [...POSTGRES_ACTIONS, ...VPC_ACTIONS];

const PRODUCTS: readonly Product[] = ['postgres', 'vpc'];

export function resolveAction(service: string, action: string | undefined, version: string | undefined): ActionDefinition {
  if (action === undefined || action === '') throw new ApiError('MissingParameter', 'The request is missing a required parameter `Action`.');
  if (version === undefined || version === '') throw new ApiError('MissingParameter', 'The request is missing a required parameter `Version`.');
  const product = (PRODUCTS as readonly string[]).includes(service) ? (service as Product) : undefined;
  const definition = ALL_ACTIONS.find((a) => a.name === action && (product === undefined || a.product === product));
  if (!definition) throw new ApiError('InvalidAction', `The requested action \`${action}\` does not exist.`);
  if (definition.version !== version) {
    throw new ApiError('NoSuchVersion', `The requested version \`${version}\` of service \`${definition.product}\` does not exist.`);
  }
  return definition;
}

/** Whether the action named (by its X-TC-Action) changes the state. */
export function isWriteAction(action: string | undefined): boolean {
  return ALL_ACTIONS.some((a) => a.name === action && a.writes === true);
}
