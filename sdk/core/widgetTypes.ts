import type { Clause } from './explainCondition.js';
import type { Strings } from './parseStrings.js';
// What a widget receives: content already templated (text only) and checked (URLs on
// the allow-list), so a widget never sees a profile, a template or an unchecked URL.
// Widgets import these types and nothing else from sdk/.

export const CAMPAIGN_TYPES = ['popup', 'bar', 'message', 'inline'] as const;
export type CampaignType = (typeof CAMPAIGN_TYPES)[number];

export const BAR_POSITIONS = ['top', 'bottom'] as const;
export const CORNERS = ['bottom-right', 'bottom-left', 'top-right', 'top-left'] as const;
export const INLINE_MODES = ['append', 'prepend', 'replace'] as const;
export type BarPosition = (typeof BAR_POSITIONS)[number];
export type Corner = (typeof CORNERS)[number];
export type InlineMode = (typeof INLINE_MODES)[number];

/** Body text after the markdown subset: runs of text, bold, italic and links. */
export type Rich = RichNode[];
export type RichNode = string | { b: Rich } | { i: Rich } | { a: Rich; href: string };

/** A call to action: a link when `href` is set, otherwise a button that closes the widget. */
export interface Action {
  label: string;
  href?: string;
}

export interface MessageContent {
  kind: 'message';
  title?: string;
  body?: Rich;
  image?: { src: string; alt: string };
  cta?: Action;
  secondary?: Action;
  /** Counts down to this epoch ms; the campaign retires when it ends. */
  countdown?: { until: number; label?: string };
  coupon?: { code: string; label?: string };
}

export const FIELD_TYPES = ['email', 'text', 'tel', 'select', 'checkbox', 'consent'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface FormField {
  name: string;
  type: FieldType;
  label: string;
  required: boolean;
  options?: { value: string; label: string }[];
}

export interface FormContent {
  kind: 'form';
  title?: string;
  body?: Rich;
  fields: FormField[];
  submit: { label: string; successMessage: string };
}

export const QUESTION_TYPES = ['single', 'multiple', 'rating', 'text', 'email', 'image'] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

/** A choice of a `single`, `multiple` or `image` question; `image` questions give every option an image. */
export interface QuizOption {
  value: string;
  label: string;
  image?: { src: string; alt: string };
}

export interface QuizQuestion {
  id: string;
  type: QuestionType;
  text: string;
  /** A line under the question. */
  help?: string;
  required: boolean;
  /** `single`, `multiple` and `image` questions. */
  options?: QuizOption[];
  /** `multiple`: how many options to pick (min ≥ 1 when required; max ≤ the options). */
  min?: number;
  max?: number;
  /** `rating`: 1–5 stars or a 0–10 NPS scale, with labels for its two ends. */
  scale?: 'stars' | 'nps';
  lowLabel?: string;
  highLabel?: string;
  /** `text`: at most this many characters (default 500). */
  maxLength?: number;
}

/** `multiple` answers are arrays of option values; `rating` answers are numbers. */
export type Answer = string | string[] | number;

/** The screen a quiz shows after its last question, chosen by conditions over the answers. */
export interface QuizResult {
  title?: string;
  body?: Rich;
  image?: { src: string; alt: string };
  cta?: Action;
}

/** Where a quiz is: a question (with the answer given before, to prefill) or the end. */
export type QuizStep =
  | { question: QuizQuestion; answer?: Answer; number: number; total: number }
  | { done: true; result: QuizResult };

export interface QuizContent {
  kind: 'quiz';
  quizId: string;
  title?: string;
  body?: Rich;
  /** The first screen: the first question, or where a half-answered quiz stopped. */
  step: QuizStep;
  /** The button that opens the quiz where the container is too small for it (a bar); the strings' `start` without. */
  start?: string;
}

export type WidgetContent = MessageContent | FormContent | QuizContent;
export type ContentKind = WidgetContent['kind'];

/** Theme values, checked so each is safe inside a CSS declaration. */
export interface Theme {
  background?: string;
  text?: string;
  accent?: string;
  /** Corner radius in px. */
  radius?: number;
  font?: string;
}

export interface WidgetView {
  campaignId: string;
  variantId: string;
  type: CampaignType;
  position?: BarPosition | Corner;
  content: WidgetContent;
  theme: Theme;
  /** The store's words for the widget's own (the campaign's `strings`); English where absent. */
  strings?: Strings;
}

export type FormValues = Record<string, string | boolean>;

/** How a widget tells the runtime what the visitor did. */
export interface WidgetCallbacks {
  /** The visitor closed it (close button, Escape, or a CTA without a link). */
  dismiss(): void;
  /** A CTA, secondary link, body link or the coupon's copy button was used. */
  click(target: 'cta' | 'secondary' | 'link' | 'coupon', href?: string): void;
  /**
   * Valid form values; resolves once they are accepted (stored, and queued for the endpoint),
   * with the success message filled with them where it reads what they set.
   */
  submit(values: FormValues): Promise<string | void>;
  /** The countdown reached zero. */
  expire(): void;
  /** Epoch ms, for the countdown. */
  now(): number;
  /** Quiz content only: records the answer to the current question (`null` skips an optional one) and returns the next step. */
  answer?(questionId: string, answer: Answer | null): QuizStep;
  /** Quiz content only: the previous question, with its answer. */
  back?(): QuizStep;
}

export interface MountedWidget {
  /** Removes the widget; focus goes back where it was for a popup. */
  unmount(): void;
}

/**
 * What the debug panel (`debug` chunk) reads: the public API, and the config and campaign
 * runner as the page has them. Structural, so the widget layer needs no runtime import.
 */
export interface DebugHost {
  win: Window;
  /** Whether storing is allowed (consent granted): only then is the panel's flag kept for the tab. */
  allowed(): boolean;
  api: {
    profile(): Promise<unknown>;
    explain(id: string): Promise<{ id: string; result: boolean; clauses: Clause[] } | undefined>;
    forget(): void;
    on(name: string, listener: (payload: Record<string, unknown>) => void): void;
    off(name: string, listener: (payload: Record<string, unknown>) => void): void;
  };
  inspect(): {
    config: { segments: { id: string; name?: string }[]; campaigns?: unknown };
    runner?: {
      status(): Record<string, string>;
      show(id: string, variantId?: string, preview?: boolean): Promise<void>;
    };
  };
}
