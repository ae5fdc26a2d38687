import type { ReadOnlyGroup } from '../domain/model';

/** DescribeDBInstanceSecurityGroups for a group, through the signed-in connection; rejects when it cannot be read. */
export type SecurityGroupsOf = (group: Pick<ReadOnlyGroup, 'region' | 'id'>, signal?: AbortSignal) => Promise<readonly string[]>;
