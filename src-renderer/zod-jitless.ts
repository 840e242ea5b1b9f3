// Imported before anything that builds a zod schema: zod probes `new Function` while constructing
// object schemas, and under our CSP (no 'unsafe-eval') that probe is logged as a violation.
import { z } from 'zod';

z.config({ jitless: true });
