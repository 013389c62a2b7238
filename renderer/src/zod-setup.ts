/**
 * Imported first by main.tsx, before any schema is built: zod compiles object parsers with
 * `new Function` unless told not to, and the window's strict CSP (no 'unsafe-eval') reports
 * even its harmless probe as a console error.
 */
import { z } from 'zod';

z.config({ jitless: true });
