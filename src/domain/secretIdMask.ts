/**
 * Anything shaped like a Tencent Cloud SecretId: "AKID" and the letters and digits after it (also a fragment of
 * one, e.g. the second line of a pasted id).
 */
const SECRET_ID_SHAPE = /AKID[A-Za-z0-9]{4,}/g;

/** "AKIDz8kr…MPLE" for a full id; enough to tell keys apart, too little to be useful to anyone else. */
export function maskSecretId(secretId: string): string {
  if (secretId.length <= 8) {
    return '…';
  }
  return `${secretId.slice(0, 4)}…${secretId.slice(-4)}`;
}

/** Every SecretId-shaped run in the text, masked: for log lines and messages that may echo a request. */
export function maskSecretIdsIn(text: string): string {
  return text.replace(SECRET_ID_SHAPE, (match) => maskSecretId(match));
}
