// Timestamps as log formats write them, from epoch ms, without a Date per call: two per row at
// millions of rows is where toISOString would spend most of a writer's time. Rows come in time
// order, so the text of the day is made once per day and only the clock per row.

const PAD2 = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, '0'));
const PAD3 = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0'));
const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** The text a format puts before the clock, remade only when the UTC day changes. */
class DayText {
  private day = Number.NaN;
  private text = '';

  constructor(private readonly render: (midnight: Date) => string) {}

  of(day: number): string {
    if (day !== this.day) {
      this.day = day;
      this.text = this.render(new Date(day * DAY_MS));
    }
    return this.text;
  }
}

/** `hh:mm:ss` of a second of the day. */
function clock(second: number): string {
  return `${PAD2[Math.floor(second / 3600)]}:${PAD2[Math.floor((second % 3600) / 60)]}:${PAD2[second % 60]}`;
}

const isoDay = (midnight: Date) => midnight.toISOString().slice(0, 11); // "YYYY-MM-DDT"

/** `2024-04-25T23:00:00Z`. */
export class IsoSeconds {
  private readonly days = new DayText(isoDay);

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    return `${this.days.of(day)}${clock(Math.floor((ms - day * DAY_MS) / 1000))}Z`;
  }
}

/** `[25/Apr/2024:23:00:00 +0000]`, the Common Log Format's time, in UTC. */
export class ClfTime {
  private readonly days = new DayText(
    (d) => `[${PAD2[d.getUTCDate()]}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:`,
  );

  format(ms: number): string {
    const day = Math.floor(ms / DAY_MS);
    return `${this.days.of(day)}${clock(Math.floor((ms - day * DAY_MS) / 1000))} +0000]`;
  }
}

/** `2024-04-25T23:00:00.186641Z` from epoch ms plus microseconds (0-999), as ALB logs time. */
export class IsoMicros {
  private readonly days = new DayText(isoDay);

  format(ms: number, micros: number): string {
    const whole = Math.floor(ms);
    const day = Math.floor(whole / DAY_MS);
    const inDay = whole - day * DAY_MS;
    const fraction = `${PAD3[inDay % 1000]}${PAD3[Math.min(999, Math.max(0, Math.floor(micros)))]}`;
    return `${this.days.of(day)}${clock(Math.floor(inDay / 1000))}.${fraction}Z`;
  }
}
