/** One API action the extension calls, e.g. `{ service: 'postgres', action: 'DescribeReadOnlyGroups' }`. */
export interface CloudAction {
  readonly service: string;
  readonly action: string;
}

export interface CamPolicy {
  readonly version: '2.0';
  readonly statement: readonly [
    { readonly effect: 'allow'; readonly action: readonly string[]; readonly resource: readonly ['*'] },
  ];
}

const SERVICE = /^[a-z][a-z0-9]*$/;
const ACTION = /^[A-Z][A-Za-z0-9]*$/;

/**
 * The least-privilege CAM policy for exactly these actions: `service:Action` entries, deduplicated and sorted so
 * the same list always gives the same policy. On every resource (`*`): the extension browses whatever the
 * account holds, so the actions, not the resources, are what can be narrowed.
 */
export function camPolicy(actions: readonly CloudAction[]): CamPolicy {
  for (const { service, action } of actions) {
    // A malformed name would make a policy that CAM rejects or, worse, a wildcard: refuse it here.
    if (!SERVICE.test(service) || !ACTION.test(action)) throw new RangeError(`Not a CAM action: ${service}:${action}`);
  }
  const names = [...new Set(actions.map(({ service, action }) => `${service}:${action}`))].sort();
  return { version: '2.0', statement: [{ effect: 'allow', action: names, resource: ['*'] }] };
}

/** The policy as JSON to paste into the CAM console, indented for reading. */
export function camPolicyJson(actions: readonly CloudAction[]): string {
  return `${JSON.stringify(camPolicy(actions), null, 2)}\n`;
}
