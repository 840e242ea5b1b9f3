// Archives and other compressors' files, known by their magic numbers. Read as text they were "a
// format Vigil does not recognise" (pass --format, which could not help; with it every line was
// refused), and a .tar.gz was imported with each file's first line glued to its tar header and
// quarantined. `head` is the file's text as readHead decodes it (a .gz decompressed), so a byte
// that is not UTF-8 is U+FFFD here.

const KINDS: { kind: string; advice: string; test: (head: string) => boolean }[] = [
  { kind: 'a zip archive', advice: 'extract it (unzip)', test: (h) => h.startsWith('PK\x03\x04') },
  {
    kind: 'a 7z archive',
    advice: 'extract it (7z x)',
    test: (h) => h.startsWith("7z\uFFFD\uFFFD'\x1c"),
  },
  // The first header's magic at byte 257: POSIX `ustar\0` and `00`, GNU `ustar  \0`.
  {
    kind: 'a tar archive',
    advice: 'extract it (tar xf)',
    test: (h) => h.startsWith('ustar\x0000', 257) || h.startsWith('ustar  \0', 257),
  },
  // `BZh`, the block size, then the first block's magic (the digits of pi: 0x314159265359).
  {
    kind: 'bzip2-compressed',
    advice: 'decompress it (bunzip2 -k)',
    test: (h) => /^BZh[1-9]1AY&SY/.test(h),
  },
  { kind: 'xz-compressed', advice: 'decompress it (unxz -k)', test: (h) => h.startsWith('\uFFFD7zXZ\0') },
  {
    kind: 'zstd-compressed',
    advice: 'decompress it (unzstd)',
    test: (h) => h.startsWith('(\uFFFD/\uFFFD'),
  },
];

/** Refuses an archive or a file another compressor wrote, saying which and what to do. */
export function refuseArchive(head: string, fileName: string): void {
  const found = KINDS.find((entry) => entry.test(head));
  if (found === undefined) return;
  throw new Error(
    `${fileName} is ${found.kind}; Vigil reads plain or gzip'd (.gz) logs: ${found.advice} and import the log files.`,
  );
}
