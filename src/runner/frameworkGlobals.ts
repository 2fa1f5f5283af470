// A ReferenceError for a global that a server framework puts on the global object when its app boots, in a project
// that declares that framework: the file is meant to run inside the app, not alone. AdonisJS 4's IoC container
// (@adonisjs/fold) defines `use` and `make` as globals when the app starts through @adonisjs/ignitor (AdonisJS 4.1
// docs, "IoC Container": "use … a global helper"); Node alone has neither, and "use is not defined" reads like a typo.
// The declared dependency is the evidence: without it the name stays the plain ReferenceError.
import * as fs from 'node:fs';
import * as path from 'node:path';

const NOT_DEFINED = /^([\w$]+) is not defined$/;

interface FrameworkGlobal {
  framework: string;
  /** Packages whose presence in package.json means the project runs inside that framework. */
  packages: string[];
  what: string;
}

const ADONIS4: FrameworkGlobal = {
  framework: 'AdonisJS 4',
  packages: ['@adonisjs/fold', '@adonisjs/framework', '@adonisjs/ignitor'],
  what: "the IoC container's global (use('Helpers'), use('App/Models/…'))",
};
const FRAMEWORK_GLOBALS: Record<string, FrameworkGlobal> = { use: ADONIS4, make: ADONIS4 };

/** The dependencies declared by the package.json nearest to `dir` (dependencies and devDependencies). */
function declaredDependencies(dir: string): { names: Set<string>; file?: string } {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    const file = path.join(at, 'package.json');
    if (fs.existsSync(file)) {
      try {
        const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { dependencies?: object; devDependencies?: object };
        return { names: new Set([...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.devDependencies ?? {})]), file };
      } catch {
        return { names: new Set() };
      }
    }
    if (path.dirname(at) === at) return { names: new Set() };
  }
}

/** The framework, its package and the next step, when `error` names a global the project's declared framework defines. */
export function frameworkGlobalCause(error: unknown, from: string): string | undefined {
  if (!(error instanceof ReferenceError)) return undefined;
  const name = NOT_DEFINED.exec(error.message)?.[1];
  const known = name && Object.hasOwn(FRAMEWORK_GLOBALS, name) && !(name in globalThis) ? FRAMEWORK_GLOBALS[name] : undefined;
  if (!known) return undefined;
  const declared = declaredDependencies(from);
  const pkg = known.packages.find((p) => declared.names.has(p));
  if (!pkg) return undefined;
  return (
    `${name} is not defined: \`${name}\` is ${known.what}, which ${known.framework} (${pkg} in package.json) defines on the global object when the app boots — run alone, the file has none. ` +
    `Profile a module that builds the model without ${name}() (move the model code out of the framework's service and require its packages directly), or a script that trains it.`
  );
}
