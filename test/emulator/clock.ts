/**
 * The emulator's idea of "now" for signatures, token expiry and task timestamps. It can run ahead of or behind the
 * host clock (to reproduce clock skew) or be frozen at an instant (to check the documented signature example).
 */
export interface ClockSettings {
  offsetSeconds?: number;
  /** Freezes the clock at this Unix time; `null` unfreezes it. */
  fixedEpochSeconds?: number | null;
}

export class EmulatorClock {
  private offsetSeconds = 0;
  private fixedEpochSeconds: number | undefined;

  constructor(settings: ClockSettings = {}) {
    this.set(settings);
  }

  set(settings: ClockSettings): void {
    if (settings.offsetSeconds !== undefined) this.offsetSeconds = settings.offsetSeconds;
    if (settings.fixedEpochSeconds !== undefined) this.fixedEpochSeconds = settings.fixedEpochSeconds ?? undefined;
  }

  /** Unix time in whole seconds. */
  nowSeconds(): number {
    if (this.fixedEpochSeconds !== undefined) return this.fixedEpochSeconds;
    return Math.floor(Date.now() / 1000) + this.offsetSeconds;
  }

  settings(): { offsetSeconds: number; fixedEpochSeconds: number | null } {
    return { offsetSeconds: this.offsetSeconds, fixedEpochSeconds: this.fixedEpochSeconds ?? null };
  }
}

/** The API's timestamp format: "YYYY-MM-DD HH:mm:ss" in China Standard Time (UTC+8), as the real service answers. */
export function formatApiTime(epochSeconds: number): string {
  const shifted = new Date((epochSeconds + 8 * 3600) * 1000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

/** Inverse of formatApiTime; undefined when the text is not in that format. */
export function parseApiTime(text: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return undefined;
  const ms = Date.parse(`${text.replace(' ', 'T')}+08:00`);
  return Number.isNaN(ms) ? undefined : Math.floor(ms / 1000);
}
