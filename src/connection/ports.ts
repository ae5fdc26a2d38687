/** What the connection commands need from the rest of the extension. */
export interface ConnectionDeps {
  /** The API endpoint override in effect, or undefined for Tencent Cloud itself. */
  readonly endpoint: () => string | undefined;
}
