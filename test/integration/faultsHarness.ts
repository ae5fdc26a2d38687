// The shared extension-host test support lives in ./support; this module re-exports it for the suites that
// import from here.
export * from './support';
