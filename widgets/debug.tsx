import { render } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Clause, DebugHost } from '../sdk/core/index.js';

/** Set in sessionStorage while the panel is on, so it follows the visitor from page to page in this tab. */
const FLAG = 'beckon.debug';

/** What each campaign state of the runner means, said for a marketer. */
const STATES: Record<string, string> = {
  showing: 'showing now',
  placing: 'about to show: its code is loading, or it waits for the tab to be seen, for the visitor to stop typing, or for its inline target to be on the page',
  shown: 'shown on this page',
  holdout: 'held out: in the control group, sees nothing',
  armed: 'eligible, waiting for its trigger',
  priority: 'eligible and triggered, but a campaign of higher priority holds its slot',
  idle: 'eligible, not armed on this page (retired by its countdown, or waiting for the next page)',
  schedule: 'blocked by its schedule',
  pages: 'blocked: not on this page (pages)',
  audience: 'blocked by its audience',
  converted: 'blocked: the visitor already converted',
  answered: 'blocked: the visitor finished its quiz',
  frequency: 'blocked by its frequency caps',
  cooldown: 'blocked: cooling down after a dismissal',
};

interface CampaignInfo {
  id: string;
  name?: string;
  variants: string[];
}

/** The campaigns as the config lists them, read defensively: the runner validated them, this only names them. */
function campaignsOf(raw: unknown): CampaignInfo[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((c: { id?: unknown; name?: unknown; variants?: { id?: unknown }[] }) =>
    typeof c?.id === 'string'
      ? [{ id: c.id, name: typeof c.name === 'string' ? c.name : undefined, variants: Array.isArray(c.variants) ? c.variants.flatMap((v) => (typeof v?.id === 'string' ? [v.id] : [])) : [] }]
      : [],
  );
}

const text = (value: unknown) => (value === undefined ? '—' : JSON.stringify(value));

function Tree({ clauses }: { clauses: Clause[] }) {
  return (
    <ul class="tree">
      {clauses.map((c, i) => (
        <li key={i}>
          <span class={c.result ? 'yes' : 'no'}>{c.result ? '✓' : '✗'}</span> {c.path || '(whole)'} {c.op} {text(c.expected)}
          {c.actual !== undefined && <span class="actual"> · is {text(c.actual)}</span>}
          {c.children && <Tree clauses={c.children} />}
        </li>
      ))}
    </ul>
  );
}

/** A segment's or a campaign's reason tree, asked for when its row opens, and again at each `tick` (the profile changed). */
function Why({ host, id, tick }: { host: DebugHost; id: string; tick: number }) {
  const [clauses, setClauses] = useState<Clause[] | undefined>();
  useEffect(() => {
    void host.api.explain(id).then((why) => setClauses(why?.clauses ?? []));
  }, [id, tick]);
  if (!clauses) return <p class="muted">Reading…</p>;
  return clauses.length ? <Tree clauses={clauses} /> : <p class="muted">No condition: everyone.</p>;
}

function Row({ summary, children }: { summary: preact.ComponentChildren; children: () => preact.ComponentChildren }) {
  const [open, setOpen] = useState(false);
  return (
    <details onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{summary}</summary>
      {open && children()}
    </details>
  );
}

function Panel({ host, close }: { host: DebugHost; close: () => void }) {
  const [profile, setProfile] = useState<Record<string, unknown> | undefined>();
  const [tick, setTick] = useState(0);
  const [folded, setFolded] = useState(false);
  // Folding swaps the panel for its tab: focus goes with it, to the control that undoes it.
  const toggled = useRef(false);
  const toggle = useRef<HTMLButtonElement>(null);
  useLayoutEffect(() => {
    if (toggled.current) toggle.current?.focus();
  }, [folded]);
  const fold = (on: boolean) => {
    toggled.current = true;
    setFolded(on);
  };
  const refresh = () => setTick((t) => t + 1);
  useEffect(() => {
    // Every tracked event: one may take a campaign away (its audience no longer holds) with
    // no event of its own. The profile read then waits for that change to settle, so the
    // states shown with it are the runner's after it.
    const names = ['track', 'segment_enter', 'segment_exit', 'impression', 'holdout', 'dismiss', 'conversion', 'submit', 'quiz_complete'];
    for (const name of names) host.api.on(name, refresh);
    // What changes with no event (a schedule's end passing, hide(), a preview) is caught
    // by comparing the runner's states each second.
    let last = '';
    const timer = setInterval(() => {
      const now = JSON.stringify(host.inspect().runner?.status());
      if (now != last) refresh();
      last = now;
    }, 1000);
    return () => {
      names.forEach((name) => host.api.off(name, refresh));
      clearInterval(timer);
    };
  }, []);
  useEffect(() => {
    void host.api.profile().then((p) => setProfile(p as Record<string, unknown>));
  }, [tick]);
  const { config, runner } = host.inspect();
  const status = runner?.status() ?? {};
  const inSegments = new Set((profile?.segments as string[] | undefined) ?? []);
  const campaigns = campaignsOf(config.campaigns);

  if (folded) {
    return (
      <button type="button" class="tab" ref={toggle} onClick={() => fold(false)}>
        Beckon debug
      </button>
    );
  }
  return (
    <aside class="panel" aria-label="Beckon debug panel">
      <header>
        <h2>Beckon debug</h2>
        <button type="button" onClick={refresh}>Refresh</button>
        <button type="button" ref={toggle} onClick={() => fold(true)}>
          Fold
        </button>
        <button type="button" onClick={close}>Close</button>
      </header>
      <section aria-label="Segments">
        <h3>
          Segments <span class="muted">({inSegments.size} of {config.segments.length})</span>
        </h3>
        {config.segments.length === 0 && <p class="muted">The config has no segments.</p>}
        {config.segments.map((s) => (
          <Row
            key={s.id}
            summary={
              <>
                <span class={inSegments.has(s.id) ? 'yes' : 'no'}>{inSegments.has(s.id) ? '✓' : '✗'}</span> {s.id}
                {s.name && <span class="muted"> · {s.name}</span>}
              </>
            }
          >
            {() => <Why host={host} id={s.id} tick={tick} />}
          </Row>
        ))}
      </section>
      <section aria-label="Campaigns">
        <h3>Campaigns</h3>
        {campaigns.length === 0 && <p class="muted">The config has no campaigns.</p>}
        {campaigns.map((c) => (
          <Row
            key={c.id}
            summary={
              <>
                {c.id}: <span class="state">{status[c.id] === undefined ? 'skipped: invalid (see the console)' : (STATES[status[c.id]!] ?? status[c.id])}</span>
              </>
            }
          >
            {() => (
              <>
                {c.name && <p class="muted">{c.name}</p>}
                <p class="buttons">
                  {(c.variants.length ? c.variants : [undefined]).map((v) => (
                    <button type="button" key={v ?? ''} disabled={!runner || status[c.id] === undefined} onClick={() => void runner?.show(c.id, v, true)}>
                      Preview{v ? ` ${v}` : ''}
                    </button>
                  ))}
                </p>
                <p class="muted">Audience:</p>
                <Why host={host} id={c.id} tick={tick} />
              </>
            )}
          </Row>
        ))}
      </section>
      <section aria-label="Profile">
        <h3>Profile</h3>
        {profile &&
          Object.entries(profile).map(([key, value]) => (
            <Row key={key} summary={key}>
              {() => <pre>{JSON.stringify(value, null, 2)}</pre>}
            </Row>
          ))}
      </section>
      <footer>
        <button
          type="button"
          onClick={() => {
            host.api.forget();
            host.win.location.reload();
          }}
        >
          Reset visitor
        </button>
      </footer>
    </aside>
  );
}

const CSS =
  ':host{all:initial}' +
  '*{box-sizing:border-box}' +
  '.panel,.tab{position:fixed;right:8px;bottom:8px;z-index:2147483647;font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:#e8e8e8;background:#1e1e24;border:1px solid #444;border-radius:8px;box-shadow:0 4px 24px #0006}' +
  '.panel{width:min(440px,calc(100vw - 16px));max-height:75vh;overflow:auto;padding:8px 12px}' +
  '.tab{padding:6px 10px;cursor:pointer}' +
  'header{display:flex;gap:6px;align-items:center;position:sticky;top:-8px;background:#1e1e24;padding:4px 0}' +
  'h2{flex:1;margin:0;font-size:13px}' +
  'h3{margin:12px 0 4px;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#bbb}' +
  'button{font:inherit;color:#fff;background:#3a3a46;border:1px solid #666;border-radius:4px;padding:2px 8px;cursor:pointer}' +
  'button:disabled{opacity:.5;cursor:default}' +
  ':focus-visible{outline:2px solid #8ab4f8;outline-offset:1px}' +
  'summary{cursor:pointer;padding:2px 0}' +
  'pre{margin:4px 0 8px;white-space:pre-wrap;word-break:break-word;color:#ccc}' +
  'p{margin:4px 0}' +
  '.buttons{display:flex;gap:6px;flex-wrap:wrap}' +
  '.tree{margin:2px 0 6px;padding-left:16px}' +
  '.yes{color:#7ee787}.no{color:#ff9b93}.muted,.actual{color:#aaa}.state{color:#f2cc60}' +
  'footer{margin-top:12px}';

/**
 * Opens the debug panel in its own shadow root, at the page's bottom right: each segment
 * with ✓/✗ and its reason tree, each campaign's state and why, preview buttons, the
 * profile, and a reset. `?beckon_debug=0` turns it off; `?beckon_preview=<id>[:<variant>]`
 * shows a campaign to this visitor only, recording nothing.
 */
export function startDebug(host: DebugHost): void {
  const { win } = host;
  const params = new URLSearchParams(win.location.search);
  const flag = (on: boolean) => {
    try {
      // Before consent (or without it) nothing is written: the panel opens for this page.
      if (on) host.allowed() && win.sessionStorage.setItem(FLAG, '1');
      else win.sessionStorage.removeItem(FLAG);
    } catch {
      // Storage refused: the panel still opens for this page.
    }
  };
  const preview = params.get('beckon_preview');
  if (preview) {
    const [id, variant] = preview.split(':');
    void host.inspect().runner?.show(id!, variant || undefined, true);
  }
  if (params.get('beckon_debug') === '0') return flag(false);
  if (preview && !params.has('beckon_debug')) return;
  flag(true);
  const doc = win.document;
  const el = doc.createElement('beckon-debug');
  const root = el.attachShadow({ mode: 'open' });
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(CSS);
  root.adoptedStyleSheets = [sheet];
  // Last of <html>'s children, after the widgets' hosts: at the same z-index, a bar put there
  // later would paint over the panel's last rows (its Reset among them).
  const top = doc.documentElement;
  top.append(el);
  const last = new MutationObserver(() => el.nextElementSibling && top.append(el));
  last.observe(top, { childList: true });
  render(
    <Panel
      host={host}
      close={() => {
        flag(false);
        last.disconnect();
        render(null, root);
        el.remove();
      }}
    />,
    root,
  );
}
