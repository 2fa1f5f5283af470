// Where a tfjs import goes: exact package names map to the chosen copy's main file, and `pkg/` keys map
// subpath imports (`@tensorflow/tfjs-core/dist/…`, as tfjs-vis does) into the chosen copy's folder, so no
// file of another version's package is loaded beside the chosen core. Shared by the CommonJS resolve hook
// (tfjsResolve.ts) and the ESM loader hooks (esmHooks.ts, which get the map as plain data).

export function redirectTarget(redirects: ReadonlyMap<string, string>, specifier: string): string | undefined {
  const exact = redirects.get(specifier);
  if (exact) return exact;
  const scoped = specifier.startsWith('@');
  const slash = specifier.indexOf('/', scoped ? specifier.indexOf('/') + 1 : 0);
  if (slash < 0) return undefined;
  const folder = redirects.get(specifier.slice(0, slash + 1));
  return folder && folder + specifier.slice(slash + 1);
}
