/**
 * What the rest of the extension may ask of the explorer tree about one read-only group.
 * The task tracker and the wizard depend on this, not on the tree's classes.
 */
export interface GroupView {
  /** Reads one group back from the API and redraws it (and its networks). */
  refreshGroup(region: string, groupId: string): Promise<void>;
  /** Shows a transient activity on a group (e.g. "Creating network…") until cleared with undefined. */
  setGroupActivity(groupId: string, activity: string | undefined): void;
  /** Expands the tree down to a group and selects it. */
  revealGroup(region: string, groupId: string): Promise<void>;
}
