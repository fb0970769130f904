/** Bundles the server into `outdir` (server/dist by default); resolves to the built custodia.mjs. */
export function buildServer(outdir?: string): Promise<string>
