// Modules evaluated once per worker thread and shared by every workflow, not again for each new
// workflow (WorkerOptions.bundlerOptions.preloadModules, see apps/worker/src/create-worker.ts).
// The SDK deep-freezes what this module exports and the globals it leaves, so only libraries without
// per-workflow state belong here.
//
// zod: its exports are classes and pure functions; the schemas stay per workflow (our own modules,
// not shared, build them; a frozen zod schema could not be parsed with). It is listed through this
// module because its package declares `sideEffects: false`: a bare `require('zod')` whose result is
// unused is dropped by webpack and nothing would be preloaded.
import * as zod from 'zod';

// zod installs its global defaults (English messages, the memoizer of nested containers) when the
// first schema is built. Built here, before the freeze, so that no workflow writes them later.
zod.object({ warm: zod.string() }).safeParse({ warm: '' });

export const PRELOADED = [zod] as const;
