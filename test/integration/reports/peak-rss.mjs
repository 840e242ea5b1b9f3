// Preloaded (`node --import`) into a `vigil` run by stix-large-case.test.ts: when the process exits,
// writes its peak resident set size in KiB (getrusage's ru_maxrss) to the file VIGIL_PEAK_RSS_FILE
// names, so the figure is that one command's alone, not the test runner's.
import fs from 'node:fs';

process.on('exit', () => {
  fs.writeFileSync(process.env.VIGIL_PEAK_RSS_FILE, String(process.resourceUsage().maxRSS));
});
