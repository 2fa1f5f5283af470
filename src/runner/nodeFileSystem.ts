// model.save('file://…') and tf.loadLayersModel('file://…') for scripts written against tfjs-node whose
// addon cannot load. tfjs-node registers these file:// handlers in its index, beside its native backend
// (`tf.io.registerSaveRouter(nodeFileSystemRouter)`, same for load, in every version since 0.1); when the
// runner serves '@tensorflow/tfjs-node' imports with plain tfjs, they were missing, and a script that saves
// or reloads its model failed here ("Cannot find any save handlers for URL 'file://…'") where the user's
// own run succeeds. The handlers are plain JavaScript (fs and the model.json + weights.bin format) and need
// no addon: they are taken from the workspace's own tfjs-node (dist/io/file_system.js), whose imports of
// tfjs go through the same redirects as the user's, so nothing of another tfjs version is loaded.
import * as path from 'node:path';
import type { Tf } from './tfjsResolve';

type Router = (url: string | string[]) => unknown;
interface IoRegistry {
  getSaveHandlers?: (url: string) => unknown[];
  registerSaveRouter: (router: Router) => void;
  registerLoadRouter: (router: Router) => void;
}

/** The file:// IO handlers of the tfjs-node whose main file is `nativeMain`, registered into `tf.io`; or why not. */
export function registerFileSystemHandlers(tf: Tf, nativeMain: string): { registered: boolean; problem?: string } {
  const io = (tf as unknown as { io?: IoRegistry }).io;
  if (!io?.registerSaveRouter || !io.registerLoadRouter) return { registered: false, problem: 'tf.io has no routers' };
  if ((io.getSaveHandlers?.('file:///gradient-lens-probe') ?? []).length > 0) return { registered: false };
  const file = path.join(path.dirname(nativeMain), 'io', 'file_system.js');
  let router: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the workspace's tfjs-node, resolved at run time
    router = (require(file) as { nodeFileSystemRouter?: unknown }).nodeFileSystemRouter;
  } catch (error) {
    return { registered: false, problem: `${file} did not load: ${(error as Error)?.message ?? error}` };
  }
  if (typeof router !== 'function') return { registered: false, problem: `${file} exports no nodeFileSystemRouter` };
  io.registerSaveRouter(router as Router);
  io.registerLoadRouter(router as Router);
  return { registered: true };
}
