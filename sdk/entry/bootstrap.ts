import { createBeckon, type Beckon, type BeckonDeps } from '../runtime/index.js';

/** `window.beckon` once the SDK has loaded: callable like the stub, with the same functions as methods. */
export type BeckonGlobal = ((command: string, ...args: unknown[]) => unknown) & Beckon;

type Command = keyof Beckon;

/** Set on the global we install, so a second copy of the script knows it is one. */
const LOADED = Symbol.for('beckon.loaded');

interface Stub {
  (...args: unknown[]): void;
  q?: ArrayLike<unknown>[];
}

/** The snippet of DESIGN §2: a function that queues its arguments in `q` (absent until the first call). */
function isStub(value: unknown): value is Stub | undefined {
  if (value === undefined || value === null) return true;
  if (typeof value !== 'function') return false;
  const { q } = value as Stub;
  if (Array.isArray(q)) return true;
  return q === undefined && /\.q\s*=/.test(Function.prototype.toString.call(value));
}

function warn(console: Pick<Console, 'warn'> | undefined, message: string) {
  try {
    console?.warn(`[beckon] ${message}`);
  } catch {
    // The page's console is not ours to fix.
  }
}

/**
 * Where the script's chunks live: beside the script itself, wherever the store hosts it
 * (`https://cdn.example/beckon/1.2/beckon.js` → `…/beckon/1.2/chunks/`).
 */
export function chunkBase(win: Window, script: HTMLScriptElement | null): string {
  const src = script?.src || win.document?.querySelector<HTMLScriptElement>('script[src*="beckon"]')?.src || win.location.href;
  return new URL('chunks/', src).href;
}

/**
 * Installs Beckon as `window.beckon`: replays the snippet's queue in order, then
 * serves later calls. A second copy of the script finds the first and does nothing;
 * a foreign `window.beckon` makes us step aside with one warning.
 */
export function bootstrap(
  win: Window & { beckon?: unknown },
  script: HTMLScriptElement | null,
  deps: Partial<BeckonDeps> = {},
): BeckonGlobal | undefined {
  const console = deps.console ?? globalThis.console;
  try {
    const existing = win.beckon;
    if (typeof existing === 'function' && LOADED in existing) return existing as unknown as BeckonGlobal;
    if (!isStub(existing)) {
      warn(console, 'window.beckon is already defined by another script; Beckon did not start.');
      return undefined;
    }
    let base: string;
    // Chunks are modules: from another origin (a CDN) they load only with CORS headers,
    // where the classic script itself did not need them. The warning says so.
    const loadChunk: BeckonDeps['loadChunk'] =
      deps.loadChunk ??
      ((name) =>
        import(`${(base ??= chunkBase(win, script))}${name}.js`).catch((error) => {
          throw new URL(base).origin == win.location.origin ? error : Error(`${(error as Error).message}; ${base} is cross-origin: it must send Access-Control-Allow-Origin`);
        }));
    const instance = createBeckon({ ...deps, loadChunk });
    // The commands are the instance's methods (DESIGN §2), by name.
    const commands = Object.keys(instance) as Command[];
    const dispatch = (command: unknown, args: unknown[]): unknown => {
      if (!commands.includes(command as Command)) {
        warn(console, `unknown command ${JSON.stringify(String(command))}; expected one of ${commands.join(', ')}.`);
        return undefined;
      }
      const method = instance[command as Command] as (...args: unknown[]) => unknown;
      return method(...args);
    };
    const global = ((command: unknown, ...args: unknown[]) => dispatch(command, args)) as BeckonGlobal;
    for (const command of commands) {
      (global as unknown as Record<string, unknown>)[command] = (...args: unknown[]) => dispatch(command, args);
    }
    Object.defineProperty(global, LOADED, { value: true });

    const queued = Array.from(existing?.q ?? [], (args) => Array.from(args));
    win.beckon = global;
    const configUrl = script?.getAttribute('data-config');
    if (configUrl && !queued.some((args) => args[0] === 'init')) dispatch('init', [{ config: configUrl }]);
    for (const [command, ...args] of queued) {
      try {
        dispatch(command, args);
      } catch (error) {
        warn(console, `queued command ${String(command)} failed: ${String(error)}`);
      }
    }
    return global;
  } catch (error) {
    warn(console, `could not start: ${String(error)}`);
    return undefined;
  }
}
