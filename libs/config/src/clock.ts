/**
 * The application's clock. The domain never reads a clock: handlers ask this one for "today"
 * and pass it in. Dates are UK local (Europe/London) `YYYY-MM-DD` strings.
 */
export abstract class Clock {
  /** Today's date in Europe/London, `YYYY-MM-DD`. */
  abstract today(): string;
  /** The current instant (used for `recordedAt`, never for a clock's dates). */
  abstract now(): Date;
}

const LONDON_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** `YYYY-MM-DD` of an instant in Europe/London. */
export function londonDateOf(instant: Date): string {
  const parts = LONDON_DATE.formatToParts(instant);
  const get = (type: Intl.DateTimeFormatPartTypes): string => {
    const part = parts.find((p) => p.type === type);
    if (part === undefined) throw new Error(`Intl gave no ${type} for ${instant.toISOString()}`);
    return part.value;
  };
  return `${get('year')}-${get('month')}-${get('day')}`;
}

export class SystemClock extends Clock {
  today(): string {
    return londonDateOf(new Date());
  }
  now(): Date {
    return new Date();
  }
}

/** "Today" fixed by CLOCK_TODAY; `now()` is that date at the current UTC time of day. */
export class FixedDateClock extends Clock {
  constructor(private readonly fixedToday: string) {
    super();
  }
  today(): string {
    return this.fixedToday;
  }
  now(): Date {
    const timeOfDay = new Date().toISOString().slice(10); // "THH:mm:ss.sssZ"
    return new Date(`${this.fixedToday}${timeOfDay}`);
  }
}

export function clockFor(config: { readonly clockToday?: string }): Clock {
  return config.clockToday !== undefined ? new FixedDateClock(config.clockToday) : new SystemClock();
}
