// What the extension-host suites share: see fixture.ts for the set-up, wizardDriver.ts for the wizard.
export * from './emulator';
export * from './fixture';
export * from './recorders';
export * from './tree';
export * from '../../support/waits';
export * from './wizardDriver';
