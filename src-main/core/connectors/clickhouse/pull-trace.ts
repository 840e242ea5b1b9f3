// `VIGIL_TRACE_PULL=1`: a pull's steps on stderr, each with the milliseconds since the process
// started (the CLI's start), to see where a pull's time goes from start to exit.
const tracing = Boolean(process.env.VIGIL_TRACE_PULL);

export function tracePull(step: string): void {
  if (tracing) console.error(`pull trace: ${Math.round(performance.now())} ms ${step}`);
}
