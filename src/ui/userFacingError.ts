/** A failure whose message is already written for the user (localised, actionable): shown as is. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UserFacingError';
  }
}
