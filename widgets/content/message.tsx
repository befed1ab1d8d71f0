import { Component } from 'preact';
import type { Action, MessageContent, Strings, WidgetCallbacks } from '../../sdk/core/index.js';
// Straight from the file: through index.ts esbuild would tie this chunk to the mount's.
import { Heading, say } from '../shared/Heading.js';
import type { ContentProps } from '../shared/mountWidget.js';

type Countdown = NonNullable<MessageContent['countdown']>;
type Coupon = NonNullable<MessageContent['coupon']>;

const secondsLeft = (c: Countdown, cb: WidgetCallbacks) => Math.max(0, Math.ceil((c.until - cb.now()) / 1000));

/** `2d 03:04:05`, or `03:04:05` under a day; `t.days` words the days (`{n} Tage`). */
export function formatRemaining(s: number, t?: Strings): string {
  const d = Math.floor(s / 86400);
  return (d ? say(t, 'days', '{n}d', { n: d }) + ' ' : '') + [(s / 3600) % 24, (s / 60) % 60, s % 60].map((n) => String(Math.floor(n)).padStart(2, '0')).join(':');
}

/** When a countdown ends, in the page's language (a German voice reads a German date). */
const endOf = (until: number) => {
  const date = new Date(until);
  try {
    return date.toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'long', timeStyle: 'short' });
  } catch {
    // A lang attribute that names no language.
    return date.toLocaleString();
  }
};

class Timer extends Component<{ c: Countdown; cb: WidgetCallbacks; t?: Strings }> {
  declare tick: ReturnType<typeof setInterval>;
  override componentDidMount() {
    const tick = () => {
      const { c, cb } = this.props;
      this.forceUpdate();
      if (!secondsLeft(c, cb)) {
        clearInterval(this.tick);
        cb.expire();
      }
    };
    this.tick = setInterval(tick, 1000);
    // Ended before it showed (forced by show(), or its code slow to arrive): retired at once.
    if (!secondsLeft(this.props.c, this.props.cb)) setTimeout(tick);
  }
  override componentWillUnmount() {
    clearInterval(this.tick);
  }
  render({ c, cb, t }: Timer['props']) {
    // The ticking digits are hidden from screen readers, which would otherwise repeat them
    // every second; they read the fixed end instead.
    return (
      <p class="cd">
        {c.label && c.label + ' '}
        <b aria-hidden="true">{formatRemaining(secondsLeft(c, cb), t)}</b>
        <span class="sr">{endOf(c.until)}</span>
      </p>
    );
  }
}

class Copy extends Component<{ c: Coupon; cb: WidgetCallbacks; t?: Strings }, { note?: string }> {
  declare code: HTMLElement | null;
  declare timer: ReturnType<typeof setTimeout> | undefined;
  /** Says what happened in the live region, and clears it a while later, so the next copy is heard too. */
  tell(note: string) {
    clearTimeout(this.timer);
    this.setState({ note });
    this.timer = setTimeout(() => this.setState({ note: '' }), 4000);
  }
  copy() {
    const { c, cb, t } = this.props;
    const copied = say(t, 'copied', 'Copied');
    cb.click('coupon');
    // Without clipboard access (permissions, an insecure context) the code is selected
    // and copied the old way, or left selected for the visitor's own shortcut. The widget
    // may be gone by the time the clipboard answers.
    const select = () => {
      if (!this.code) return;
      getSelection()?.selectAllChildren(this.code);
      let done = false;
      try {
        done = document.execCommand('copy');
      } catch {
        // Not there: the selection stays for the shortcut.
      }
      this.tell(done ? copied : say(t, 'copyHint', 'Selected: press {key}+C to copy', { key: /Mac|iP/.test(navigator.platform) ? '⌘' : 'Ctrl' }));
    };
    if (navigator.clipboard) navigator.clipboard.writeText(c.code).then(() => this.tell(copied), select);
    else select();
  }
  override componentWillUnmount() {
    clearTimeout(this.timer);
  }
  render({ c, t }: Copy['props'], { note }: Copy['state']) {
    return (
      <p class="cp">
        <code ref={(el) => void (this.code = el)}>{c.code}</code>
        <button type="button" class="s" onClick={() => this.copy()}>
          {c.label || say(t, 'copy', 'Copy code')}
        </button>
        <span aria-live="polite">{note}</span>
      </p>
    );
  }
}

const act = (a: Action, target: 'cta' | 'secondary', cb: WidgetCallbacks, cls: string) =>
  a.href ? (
    <a class={cls} href={a.href} onClick={() => cb.click(target, a.href)}>
      {a.label}
    </a>
  ) : (
    <button
      type="button"
      class={cls}
      onClick={() => {
        cb.click(target);
        cb.dismiss();
      }}
    >
      {a.label}
    </button>
  );

/** The `message` kind: image, title, body, countdown, coupon and up to two actions. */
export function Content({ content, callbacks: cb, id, t }: ContentProps) {
  const c = content as MessageContent;
  return (
    <>
      {c.image && <img src={c.image.src} alt={c.image.alt} />}
      <Heading c={c} cb={cb} id={id} />
      {c.countdown && <Timer c={c.countdown} cb={cb} t={t} />}
      {c.coupon && <Copy c={c.coupon} cb={cb} t={t} />}
      {(c.cta || c.secondary) && (
        <p class="a">
          {c.cta && act(c.cta, 'cta', cb, 'cta')}
          {c.secondary && act(c.secondary, 'secondary', cb, 's')}
        </p>
      )}
    </>
  );
}

Content.css =
  'img{display:block;max-width:100%;height:auto;margin:0 0 12px;border-radius:calc(var(--bk-radius)/2)}' +
  '.a,.cp{display:flex;flex-wrap:wrap;align-items:center;gap:8px}' +
  '.s{padding:9px 7px;border:1px solid transparent;background:none;color:inherit;font:inherit;text-decoration:underline;cursor:pointer}' +
  'code{font:600 1.1em ui-monospace,monospace;padding:4px 10px;border:1px dashed;border-radius:4px}' +
  '.cd b{font-variant-numeric:tabular-nums}' +
  '.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}';
