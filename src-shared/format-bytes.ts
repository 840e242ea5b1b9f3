// One way to write a byte count for people, everywhere Vigil shows one (the screens, the CLI,
// the server's messages).

export interface BytesStyle {
  /**
   * 'decimal' (default): kB = 1000 B, as file managers and network tools count.
   * 'binary': KiB = 1024 B, as AWS reports stored log bytes and as limits are set.
   */
  base?: 'decimal' | 'binary';
  /** Whole numbers only: a size shown in the largest unit that divides it (a limit: "2 GiB"). */
  exact?: boolean;
}

const UNITS = {
  decimal: { step: 1000, names: ['B', 'kB', 'MB', 'GB', 'TB'] },
  binary: { step: 1024, names: ['B', 'KiB', 'MiB', 'GiB', 'TiB'] },
} as const;

export function formatBytes(bytes: number, style: BytesStyle = {}): string {
  const { step, names } = UNITS[style.base ?? 'decimal'];
  let value = bytes;
  let unit = 0;
  while (value >= step && unit < names.length - 1 && (!style.exact || value % step === 0)) {
    value /= step;
    unit++;
  }
  return `${unit === 0 || style.exact ? value : value.toFixed(1)} ${names[unit]}`;
}
