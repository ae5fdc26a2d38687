/**
 * The id of every command the manifest contributes, in one place: features name each other's commands through this
 * table, never a string, and test/unit/ui/commandIds.test.ts checks it against package.json both ways.
 */
export const COMMAND = {
  signIn: 'tencentdbPostgres.signIn',
  signOut: 'tencentdbPostgres.signOut',
  switchProfile: 'tencentdbPostgres.switchProfile',
  importTccliProfiles: 'tencentdbPostgres.importTccliProfiles',
  selectRegions: 'tencentdbPostgres.selectRegions',
  refresh: 'tencentdbPostgres.refresh',
  refreshNode: 'tencentdbPostgres.refreshNode',
  copyId: 'tencentdbPostgres.copyId',
  copyAddress: 'tencentdbPostgres.copyAddress',
  openInConsole: 'tencentdbPostgres.openInConsole',
  showLog: 'tencentdbPostgres.showLog',
  retryNode: 'tencentdbPostgres.retryNode',
  loadMore: 'tencentdbPostgres.loadMore',
  addNetwork: 'tencentdbPostgres.addNetwork',
  addNetworkToGroup: 'tencentdbPostgres.addNetworkToGroup',
  removeNetwork: 'tencentdbPostgres.removeNetwork',
  showTasks: 'tencentdbPostgres.showTasks',
  find: 'tencentdbPostgres.find',
  copyAsTerraform: 'tencentdbPostgres.copyAsTerraform',
  exportTerraform: 'tencentdbPostgres.exportTerraform',
  exportTccli: 'tencentdbPostgres.exportTccli',
  copyCamPolicy: 'tencentdbPostgres.copyCamPolicy',
  copyConnectionString: 'tencentdbPostgres.copyConnectionString',
  checkReachability: 'tencentdbPostgres.checkReachability',
} as const;
