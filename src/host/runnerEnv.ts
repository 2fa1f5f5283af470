// The environment a runner (and so the user's model file) gets: an allow-list, not the extension host's
// whole environment, which carries VS Code's IPC handles and whatever secrets other tools exported. What a
// training script plausibly needs passes: paths, locale, proxies and CA certificates (downloads), and the
// TensorFlow/CUDA knobs of tfjs-node(-gpu). More can be given on purpose (gradientLens.env, CLI --env).

const NAMES = new Set([
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TERM',
  'TMPDIR',
  'TMP',
  'TEMP',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'LD_LIBRARY_PATH',
  'DYLD_LIBRARY_PATH',
  'OMP_NUM_THREADS',
  // Windows: the system folders Node and native addons need.
  'SYSTEMROOT',
  'WINDIR',
  'COMSPEC',
  'PATHEXT',
  'APPDATA',
  'LOCALAPPDATA',
  'USERPROFILE',
  'HOMEDRIVE',
  'HOMEPATH',
  'PROGRAMDATA',
  'PROGRAMFILES',
  'PROGRAMFILES(X86)',
  'NUMBER_OF_PROCESSORS',
  'PROCESSOR_ARCHITECTURE',
  'OS',
]);
/** Prefixes: locale categories, XDG folders, TensorFlow and CUDA settings, and our own namespace. */
const PREFIXES = ['LC_', 'XDG_', 'TF_', 'CUDA_', 'GRADIENT_LENS_'];

export function isAllowed(name: string): boolean {
  const upper = name.toUpperCase(); // Windows names are case-insensitive; proxies come in lower case too
  return NAMES.has(upper) || PREFIXES.some((p) => upper.startsWith(p));
}

/**
 * The allow-listed part of `source`, plus `extra` (given on purpose), plus what makes Electron run as Node.
 * TensorFlow's own INFO/WARNING lines (CPU features, oneDNN) are not the model's output: quiet unless the
 * user set TF_CPP_MIN_LOG_LEVEL.
 */
export function runnerEnvironment(source: NodeJS.ProcessEnv, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { TF_CPP_MIN_LOG_LEVEL: '2' };
  for (const [name, value] of Object.entries(source)) if (value !== undefined && isAllowed(name)) env[name] = value;
  return { ...env, ...extra, ELECTRON_RUN_AS_NODE: '1' };
}
