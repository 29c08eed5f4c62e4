/**
 * Bench-only: under @swc-node/register Node tries `.json` before `.ts` for an import without an
 * extension, so `tools/oidc-dev/dev-client` (beside dev-client.json) would load the JSON instead of
 * the module. Moving `.json` to the end of the extension list makes the TypeScript module win, as it
 * does under Jest. Import this first.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const extensions = (require('node:module') as { Module: { _extensions: Record<string, unknown> } }).Module._extensions;
const json = extensions['.json'];
delete extensions['.json'];
extensions['.json'] = json;
export {};
