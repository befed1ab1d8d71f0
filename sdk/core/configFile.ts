// The shape of beckon.config.json as a marketer writes it (DESIGN §5), for editors: the
// build turns these types into dist/beckon.schema.json (ts-json-schema-generator, see
// scripts/configSchema.mjs), with each JSDoc comment as a description, each union of
// names as an enum and `@examples`/`@default` as offered completions. Types only: nothing
// imports this file, so nothing here reaches a bundle.
//
// The parsers (parseConfig, parseCampaigns, parseQuizzes, parseRfmConfig,
// parseIntentConfig, compileCondition) stay the judges of a config. The enums below are
// the parsers' own tables (CAMPAIGN_TYPES, TRIGGERS, FIELD_TYPES, QUESTION_TYPES…), read
// through their types. test/unit/schema.test.ts checks the rest: every object whose keys
// a parser checks has exactly those properties here, every list of names a parser
// accepts is the enum here, and the number ranges of campaigns and quizzes agree. An
// object the parsers read without checking its keys carries an index signature, so the
// schema lets other keys through as the parsers do.
import type { TRIGGERS } from './parseCampaigns.js';
import type { PageType } from './pageType.js';
import type { BarPosition, CampaignType, Corner, FieldType, InlineMode, QuestionType, QuizQuestion } from './widgetTypes.js';

/**
 * An id of letters, digits, "-" and "_", starting with a letter or digit, at most 64 characters.
 * @pattern ^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$
 * @examples ["cart-rescue", "paid_search"]
 */
export type Id = string;

/**
 * Text shown to the visitor, at most 2000 characters, not blank. HTML is shown as the characters it is.
 * @pattern \S
 * @maxLength 2000
 */
export type Text = string;

/**
 * Text with a markdown subset: **bold**, *italic* and [label](url). Links must be http(s), mailto, tel or relative; others are dropped with a warning. `{{path|fallback}}` reads the profile.
 * @pattern \S
 * @maxLength 2000
 * @examples ["Your cart is saved: {{cart.count}} items.", "Free returns. [Read more](/returns)"]
 */
export type RichText = string;

/**
 * A URL: http(s), mailto, tel or relative (such as "/cart"). Anything else is dropped with a warning and the rest still shows.
 * @examples ["/cart", "https://example.com/sale"]
 */
export type Url = string;

/**
 * A path glob starting with "/": `*` matches within a path segment, `**` across segments.
 * @pattern ^/
 * @examples ["/products/*", "/blog/**", "/checkout*"]
 */
export type PathGlob = string;

/**
 * A CSS selector, at most 500 characters.
 * @minLength 1
 * @maxLength 500
 * @pattern \S
 * @examples ["#newsletter", ".product-grid"]
 */
export type CssSelector = string;

/**
 * A date and time as ISO 8601 (ECMAScript's date time format): with `Z` or an offset it is
 * that moment everywhere; without one, the visitor's own time. A day alone ("2026-12-31")
 * is the visitor's own day: a start from its first moment, an end or a countdown to its last.
 * @pattern ^\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{1,3})?)?(Z|[+-]\d\d:\d\d)?)?$
 * @examples ["2026-12-31T23:59:59Z", "2026-12-31"]
 */
export type DateText = string;

/**
 * A duration: a whole number of minutes (m), hours (h) or days (d).
 * @pattern ^\s*\d+\s*[mhd]\s*$
 * @examples ["30d", "12h", "45m"]
 */
export type Duration = string;

/** beckon.config.json: segments, quizzes and campaigns for Beckon, read in the visitor's browser. */
export interface ConfigFile {
  /**
   * The JSON Schema this file follows, for editors; Beckon ignores it.
   * @examples ["./node_modules/beckon/dist/beckon.schema.json"]
   */
  $schema?: string;
  /**
   * The config format version. Only 1 exists; another number is read as 1, with a warning.
   * @default 1
   */
  version?: 1;
  /** The store: its currency and which paths are which kind of page. */
  site?: SiteConfig;
  /** Whether Beckon waits for consent before it stores anything. */
  consent?: ConsentConfig;
  /**
   * Named lists for the `$inGroup` and `$notInGroup` operators.
   * @examples [{ "vip": ["a@example.com"] }]
   * @propertyNames {"not": {"enum": ["__proto__", "constructor", "prototype"]}}
   */
  lists?: Record<string, unknown[]>;
  /** Cut points for rfm.r, rfm.f and rfm.m (1 to 5) and so for rfm.segment. */
  rfm?: RfmConfig;
  /** Settings of the purchase-intent score (intent.score, intent.bucket). */
  intent?: IntentConfig;
  /** Micro-segments: a visitor is in each whose condition holds. A segment's id is what `segments` in a condition holds. */
  segments?: SegmentConfig[];
  /** Quizzes and surveys; a campaign shows one with content { "kind": "quiz", "quiz": "<id>" }. */
  quizzes?: QuizConfig[];
  /** Popups, bars, corner messages and inline blocks, each shown to its audience. */
  campaigns?: CampaignConfig[];
  /** The look of every widget; a campaign's own theme overrides it. */
  theme?: ThemeConfig;
  /** The widgets' own words (buttons, messages, labels read to screen readers) in the store's language; a campaign's own strings override them. Each left out stays in English. */
  strings?: StringsConfig;
}

export interface SiteConfig {
  /**
   * ISO 4217 currency code, used until the store's events name one.
   * @pattern ^[A-Za-z]{3}$
   * @examples ["EUR", "USD"]
   */
  currency?: string;
  /**
   * Path globs per page type (page.type). They win over URL conventions and dataLayer events; JSON-LD Product markup still wins over them.
   * @examples [{ "product": ["/products/*"], "checkout": ["/checkout*"] }]
   */
  pages?: { [type in PageType]?: PageGlobs };
}

/** The paths of pages of this type. */
export type PageGlobs = PathGlob[];

export interface ConsentConfig {
  /**
   * Store and send nothing until the page calls beckon('consent', 'granted').
   * @default false
   */
  required?: boolean;
  /**
   * Treat the browser's Global Privacy Control signal as a denial.
   * @default true
   */
  respectGPC?: boolean;
}

/**
 * 1 to 4 ascending cut points, each ≥ 0.
 * @minItems 1
 * @maxItems 4
 */
export type CutPoints = CutPoint[];

/** @minimum 0 */
export type CutPoint = number;

export interface RfmConfig {
  /**
   * Days since the last order: rfm.r is 5 minus the number of these cut points exceeded.
   * @default [7, 30, 90, 180]
   */
  recencyDays?: CutPoints;
  /**
   * Order counts: rfm.f is 1 plus the number of these cut points reached.
   * @default [2, 3, 5, 8]
   */
  frequency?: CutPoints;
  /**
   * Revenue: rfm.m is 1 plus the number of these cut points reached.
   * @default [50, 150, 400, 1000]
   */
  monetary?: CutPoints;
}

/**
 * A share from 0 to 1.
 * @minimum 0
 * @maximum 1
 */
export type Share = number;

/** @minimum 0 */
export type PageValue = number;

export interface IntentConfig {
  /** Where intent.bucket changes: very_likely from this score up, likely from that one (likely ≤ very_likely), less_likely below. */
  buckets?: {
    /** @default 0.6 */
    very_likely?: Share;
    /** @default 0.3 */
    likely?: Share;
  };
  /**
   * A value per page (path glob → value ≥ 0), from the store's analytics, as a feature of the model.
   * @propertyNames { "pattern": "^/" }
   * @examples [{ "/products/*": 12.5 }]
   */
  pageValues?: Record<string, PageValue>;
}

export interface SegmentConfig {
  /** The segment's id, as `segments` holds it in conditions. */
  id: Id;
  /** A name for people. */
  name?: string;
  /** What the segment is for. */
  description?: string;
  /**
   * The condition a visitor must meet to be in the segment.
   * @examples [{ "cart.count": { "$gt": 0 }, "page.type": { "$ne": "checkout" } }]
   */
  when: Condition;
}

// Conditions (DESIGN §4) are open-ended: keys are dot paths into the profile, values are
// a value to equal or an object of operators. Only the operators are listed.

/**
 * A MongoDB-style condition on the visitor's profile: each key is a dot path (such as "cart.count" or "answers.quiz-id.question-id") and its value is what to equal or an object of operators; every key must hold. $and, $or, $nor, $not and $event combine conditions.
 * @examples [{ "traffic.channel": "paid_search" }, { "segments": { "$in": ["cart-abandoner"] } }, { "$or": [{ "device.type": "mobile" }, { "cart.value": { "$gte": 100 } }] }]
 */
export type Condition = Combinators & { [path: string]: ValueCondition };

/** The keys of a condition that combine conditions; every other key is a profile path. */
export type Combinators = {
  /** Every condition in the list holds. */
  $and?: Condition[];
  /** At least one condition in the list holds (an empty list holds). */
  $or?: Condition[];
  /** No condition in the list holds. */
  $nor?: Condition[];
  /** The condition does not hold. */
  $not?: Condition;
  /**
   * How often an event happened, from the stored history.
   * @examples [{ "name": "purchase", "within": "30d", "count": { "$gte": 1 } }]
   */
  $event?: EventCondition;
};

/** What an attribute must be: a value it equals (a list equals a list; an attribute holding a list is not searched), or an object of operators. */
export type ValueCondition = string | number | boolean | null | unknown[] | Operators | ObjectValue;

/**
 * An object the attribute must equal as a whole. An object whose keys all start with "$" is read as operators instead.
 * @not { "propertyNames": { "pattern": "^\\$" }, "minProperties": 1 }
 */
export type ObjectValue = { [key: string]: unknown };

/** The attribute's JSON type, as $type compares it. */
export type JsonTypeName = 'string' | 'number' | 'boolean' | 'object' | 'array' | 'null' | 'undefined';

/** Operators on one attribute; all of them must hold. An unknown operator is an error and the condition never holds. */
export type Operators = {
  /** Equals the value. */
  $eq?: unknown;
  /** Does not equal the value. */
  $ne?: unknown;
  /** Greater than (numbers, or strings by character order). */
  $gt?: unknown;
  /** Greater than or equal. */
  $gte?: unknown;
  /** Less than. */
  $lt?: unknown;
  /** Less than or equal. */
  $lte?: unknown;
  /** Version equals, comparing "1.10.2"-style versions part by part. */
  $veq?: string | number;
  /** Version differs. */
  $vne?: string | number;
  /** Version greater than. */
  $vgt?: string | number;
  /** Version greater than or equal. */
  $vgte?: string | number;
  /** Version less than. */
  $vlt?: string | number;
  /** Version less than or equal. */
  $vlte?: string | number;
  /** Is one of the values; a list attribute matches when any of its items is. */
  $in?: unknown[];
  /** Is none of the values. */
  $nin?: unknown[];
  /** $in, ignoring case. */
  $ini?: unknown[];
  /** $nin, ignoring case. */
  $nini?: unknown[];
  /** Is in the named list of the config's "lists". */
  $inGroup?: string;
  /** Is not in the named list of the config's "lists". */
  $notInGroup?: string;
  /** The list attribute holds every one of the values. */
  $all?: unknown[];
  /** $all, ignoring case. */
  $alli?: unknown[];
  /** true: the attribute is set (not null); false: it is not. */
  $exists?: boolean;
  /** The attribute's JSON type is this. */
  $type?: JsonTypeName;
  /**
   * Matches the regular expression. Nested quantifiers such as (a+)+ are refused.
   * @examples ["^/products/"]
   */
  $regex?: string;
  /** $regex, ignoring case. */
  $regexi?: string;
  /** The operators or value do not hold. */
  $not?: ValueCondition;
  /**
   * The list attribute's length matches (a number, or operators such as { "$gte": 2 }).
   * @examples [2, { "$gte": 2 }]
   */
  $size?: ValueCondition;
  /**
   * Some item of the list attribute matches: operators on the item, or a condition on its fields.
   * @examples [{ "item_id": "SKU-42" }]
   */
  $elemMatch?: Condition | Operators;
};

/** `$event`: how many events of a name, matching `where`, happened within `within`; holds when `count` does. */
export type EventCondition = {
  /**
   * The event name, such as a GA4 event or a name given to track().
   * @minLength 1
   * @examples ["purchase", "add_to_cart", "view_item"]
   */
  name: string;
  /** How far back to count; all stored history without it. */
  within?: Duration;
  /**
   * A condition on the event's properties (raw events only: 90 days).
   * @examples [{ "items": { "$elemMatch": { "item_id": "SKU-42" } } }]
   */
  where?: Condition;
  /**
   * A condition on how many events matched.
   * @default { "$gte": 1 }
   */
  count?: ValueCondition;
};

export interface QuizConfig {
  /** The quiz's id: answers are read as answers.<quiz id>.<question id>. */
  id: Id;
  /** A name for people; not shown. */
  name?: string;
  /** What the quiz is for; not shown. */
  description?: string;
  /** The heading above the questions. */
  title?: Text;
  /** Text under the title. */
  body?: RichText;
  /**
   * The label of the button that opens the quiz where there is no room for it (a bar).
   * @default "Start the quiz"
   */
  start?: Text;
  /**
   * The questions, asked in order unless a `next` says otherwise.
   * @minItems 1
   */
  questions: QuestionConfig[];
  /** Result screens after the last question: the first whose `when` holds is shown. */
  results?: QuizResultConfig[];
  /**
   * Offer a finished quiz again after this many days; never without it.
   * @minimum 0
   * @maximum 3650
   */
  repeatAfterDays?: number;
}

export interface QuestionConfig {
  /** The question's id, unique in its quiz; "end" is reserved. */
  id: Id;
  /** single and image: one option; multiple: several; rating: stars or NPS; text: free text; email: an address. */
  type: QuestionType;
  /** The question. */
  text: Text;
  /** A line under the question. */
  help?: Text;
  /**
   * Whether the visitor must answer before going on.
   * @default true
   */
  required?: boolean;
  /**
   * The choices of a single, multiple or image question (at least two). An image question gives every option an image.
   * @minItems 2
   */
  options?: QuizOptionConfig[];
  /**
   * multiple: the fewest options to pick.
   * @asType integer
   * @minimum 0
   */
  min?: number;
  /**
   * multiple: the most options to pick.
   * @asType integer
   * @minimum 1
   */
  max?: number;
  /**
   * rating: 1 to 5 stars, or a 0 to 10 NPS scale.
   * @default "stars"
   */
  scale?: QuizQuestion['scale'];
  /** rating: the label of the low end. */
  lowLabel?: Text;
  /** rating: the label of the high end. */
  highLabel?: Text;
  /**
   * text: at most this many characters.
   * @asType integer
   * @minimum 1
   * @maximum 2000
   * @default 500
   */
  maxLength?: number;
  /**
   * Where to go after this question: a question id, "end", or rules whose first holding one wins. Without it, the next question in order.
   * @examples ["end", [{ "when": { "answers.sport-quiz.sport": "running" }, "to": "distance" }, { "to": "end" }]]
   */
  next?: string | NextRule[];
}

export interface NextRule {
  /** A condition over the answers so far; without it, the rule always holds. */
  when?: Condition;
  /**
   * A question id or "end".
   * @examples ["end"]
   */
  to: string;
}

export interface QuizOptionConfig {
  /**
   * What the answer records (at most 200 characters); a number is recorded as text.
   * @examples ["running"]
   */
  value: string | number;
  /** What the visitor reads; the value without it. */
  label?: Text;
  /** An image question's picture of this option. */
  image?: ImageConfig;
  /** A question id or "end": where choosing this option leads (single and image questions). */
  next?: string;
  /**
   * Traits set when this option is chosen.
   * @examples [{ "runner": true }]
   * @propertyNames {"not": {"enum": ["__proto__", "constructor", "prototype"]}}
   */
  traits?: Record<string, string | number | boolean>;
}

export interface QuizResultConfig {
  /** A condition over the answers and the profile; without it, the result always fits. */
  when?: Condition;
  title?: Text;
  body?: RichText;
  image?: ImageConfig;
  cta?: ActionConfig;
}

export interface CampaignConfig {
  /** The campaign's id, unique among campaigns; emitted events carry it. */
  id: Id;
  /** A name for people; not shown. */
  name?: string;
  /** What the campaign is for; not shown. */
  description?: string;
  /** popup: a modal dialog; bar: a strip at the top or bottom; message: a corner message; inline: a block inside the page. */
  type: CampaignType;
  /** Where the widget goes: position for a bar or a message, target and mode for inline. */
  placement?: PlacementConfig;
  /**
   * Higher wins when campaigns compete for the same place; then config order.
   * @minimum -1000000
   * @maximum 1000000
   * @default 0
   */
  priority?: number;
  /**
   * Who may see the campaign: a condition on the profile. Everyone without it.
   * @examples [{ "segments": { "$in": ["cart-abandoner"] } }]
   */
  audience?: Condition;
  /** Which pages it may show on; every page without `include`. */
  pages?: PagesConfig;
  /** When it shows on a page. */
  trigger?: TriggerConfig;
  /** How often a visitor sees it. */
  frequency?: FrequencyConfig;
  /** When the campaign runs, in the visitor's time. */
  schedule?: ScheduleConfig;
  /**
   * Percent of eligible visitors kept as a control group: they see nothing and are logged as holdout.
   * @minimum 0
   * @maximum 99.99
   * @default 0
   */
  holdout?: number;
  /** The event that counts as a conversion, within a time after an impression. */
  goal?: GoalConfig;
  /**
   * Variants for an A/B test; each visitor always gets the same one. Give either `variants` or `content`.
   * @minItems 1
   */
  variants?: VariantConfig[];
  /** What the campaign shows, when it has no variants. */
  content?: ContentConfig;
  /** This campaign's look, over the config's theme. */
  theme?: ThemeConfig;
  /** This campaign's words, over the config's strings (a store in two languages gives each campaign its own). */
  strings?: StringsConfig;
}

export interface PlacementConfig {
  /** bar: top or bottom (default top); message: a corner (default bottom-right). */
  position?: BarPosition | Corner;
  /** inline: the element the block goes into. */
  target?: CssSelector;
  /**
   * inline: after the element's content, before it, or instead of it.
   * @default "append"
   */
  mode?: InlineMode;
}

export interface PagesConfig {
  /** Paths it may show on. */
  include?: PathGlob[];
  /** Paths it never shows on. */
  exclude?: PathGlob[];
}

export interface TriggerConfig {
  /**
   * load: at once; delay: after `seconds`; scroll: at `percent` scrolled; exit: exit intent; idle: after `seconds` without input; click: a click on `selector`; event: when the event `name` is tracked; pageviews: on the `count`th page view of the session.
   * @default "load"
   */
  on?: (typeof TRIGGERS)[number];
  /**
   * delay and idle: seconds to wait (idle: at least 1).
   * @minimum 0
   * @maximum 86400
   */
  seconds?: number;
  /**
   * scroll: how far down the page, in percent.
   * @minimum 0
   * @maximum 100
   * @default 50
   */
  percent?: number;
  /** click: what the visitor clicks. The click still does what it does (a link is followed): point it at a button, not a link, to open a popup in place. */
  selector?: CssSelector;
  /**
   * event: the event name.
   * @examples ["add_to_cart"]
   */
  name?: Text;
  /**
   * pageviews: the page view of the session it shows on.
   * @asType integer
   * @minimum 1
   * @maximum 10000
   */
  count?: number;
}

export interface FrequencyConfig {
  /**
   * At most this many impressions per visitor, ever.
   * @asType integer
   * @minimum 1
   */
  maxImpressions?: number;
  /**
   * At most this many impressions per session.
   * @asType integer
   * @minimum 1
   * @default 1
   */
  maxPerSession?: number;
  /**
   * Hours before a dismissed campaign shows again.
   * @minimum 0
   * @default 168
   */
  cooldownHours?: number;
  /**
   * Stop showing it to a visitor who converted.
   * @default true
   */
  stopAfterConversion?: boolean;
}

/**
 * A day of the week: 0 is Sunday, 6 is Saturday.
 * @asType integer
 * @minimum 0
 * @maximum 6
 */
export type Weekday = number;

/**
 * An hour of the day, 0 to 24.
 * @asType integer
 * @minimum 0
 * @maximum 24
 */
export type Hour = number;

/**
 * The hour of the day a span starts, 0 to 23.
 * @asType integer
 * @minimum 0
 * @maximum 23
 */
export type StartHour = number;

export interface ScheduleConfig {
  /** From this date and time. */
  start?: DateText;
  /** Until this date and time. */
  end?: DateText;
  /**
   * Days of the week it runs on.
   * @minItems 1
   * @examples [[1, 2, 3, 4, 5]]
   */
  days?: Weekday[];
  /**
   * Hours [from, to) it runs in; from > to wraps past midnight.
   * @examples [[9, 17]]
   */
  hours?: [StartHour, Hour];
}

export interface GoalConfig {
  /**
   * The event that counts as a conversion.
   * @examples ["purchase"]
   */
  event: Text;
  /**
   * How long after an impression the event counts.
   * @default "7d"
   */
  within?: Duration;
}

export interface VariantConfig {
  /** The variant's id, unique in its campaign; emitted events carry it. */
  id: Id;
  /** A name for people; not shown. */
  name?: string;
  /**
   * The variant's share of visitors, relative to the other variants' weights.
   * @minimum 0
   * @maximum 1000000
   * @default 1
   */
  weight?: number;
  content: ContentConfig;
}

/** What a campaign shows: a message, a form or a quiz, told apart by `kind`. Any kind fits any type. */
export type ContentConfig = MessageContentConfig | FormContentConfig | QuizContentConfig;

/** A message: a title or a body, and optionally an image, a call to action, a secondary link, a countdown and a coupon code. */
export interface MessageContentConfig {
  /** A message. */
  kind: 'message';
  /**
   * The heading. `{{path|fallback}}` reads the profile.
   * @examples ["Still thinking, {{traits.firstName|there}}?"]
   */
  title?: Text;
  body?: RichText;
  image?: ImageConfig;
  /** The main button or link. */
  cta?: ActionConfig;
  /** A second, quieter link. */
  secondary?: ActionConfig;
  /** A countdown to a date; the campaign retires when it ends. */
  countdown?: CountdownConfig;
  /** A coupon code with a copy button. */
  coupon?: CouponConfig;
}

export interface CountdownConfig {
  /** When the countdown ends. */
  until: DateText;
  /** Text before the time left. */
  label?: Text;
}

export interface CouponConfig {
  /**
   * The code the visitor copies.
   * @examples ["WELCOME10"]
   */
  code: Text;
  label?: Text;
}

/** An image with its alt text. */
export interface ImageConfig {
  src: Url;
  /** What the image shows, for screen readers; "" for a decorative image. */
  alt: string;
}

/** A call to action: a link with `href`, or without it a button that closes the widget. */
export interface ActionConfig {
  /** @examples ["Back to cart"] */
  label: Text;
  href?: Url;
}

/** A form: its values become traits.<name> on success, and are sent to `submit.endpoint` when it has one. */
export interface FormContentConfig {
  /** A form. */
  kind: 'form';
  title?: Text;
  body?: RichText;
  /**
   * The fields, in order.
   * @minItems 1
   */
  fields: FormFieldConfig[];
  /** The submit button, what happens after a submission and where the values go. */
  submit?: SubmitConfig;
}

export interface FormFieldConfig {
  /**
   * The field's name: its value becomes traits.<name> (constructor and prototype are reserved).
   * @pattern ^(?!(constructor|prototype)$)[A-Za-z][A-Za-z0-9_]{0,63}$
   * @examples ["email", "firstName"]
   */
  name: string;
  /** consent is a checkbox that records a consent; select needs `options`. */
  type: FieldType;
  label: Text;
  /**
   * The visitor must fill it in (a checkbox or consent: tick it) before the form is sent.
   * @default false
   */
  required?: boolean;
  /** select: the choices. */
  options?: FieldOptionConfig[];
  /**
   * email: keep the address as traits.<name>; it is kept only with true.
   * @default false
   */
  remember?: boolean;
}

/** A choice of a select field. Other keys are ignored. */
export interface FieldOptionConfig {
  value: Text;
  /** What the visitor reads; the value without it. */
  label?: Text;
  [key: string]: unknown;
}

export interface SubmitConfig {
  /** @default "Submit" */
  label?: Text;
  /** Where the values are sent (JSON lines), when set: an http(s) or relative URL. */
  endpoint?: Url;
  /** @default "Thank you!" */
  successMessage?: Text;
  /** An element whose `hidden` attribute is removed after a submission. */
  unlock?: CssSelector;
}

/** Shows a quiz of the config's `quizzes`. */
export interface QuizContentConfig {
  /** A quiz. */
  kind: 'quiz';
  /** The id of a quiz in `quizzes`; every variant of a campaign shows the same quiz. */
  quiz: Id;
}

export interface ThemeConfig {
  /** Colors, each a CSS color. */
  colors?: {
    /** @examples ["#ffffff"] */
    background?: CssColor;
    /** @examples ["#111827"] */
    text?: CssColor;
    /** The buttons' color. */
    accent?: CssColor;
  };
  /**
   * Corner radius in pixels.
   * @minimum 0
   * @maximum 64
   */
  radius?: number;
  /**
   * A font family list.
   * @examples ["Georgia, serif"]
   */
  font?: string;
}

/**
 * Words in place of Beckon's English. Beckon fills the placeholders its defaults show ({n},
 * {total}, {key}); text with any other, or over 300 characters, is ignored with a warning.
 */
export interface StringsConfig {
  /**
   * The close button (×), as a screen reader reads it.
   * @default "Close"
   */
  close?: Text;
  /**
   * What a popup or bar without a title is called to screen readers.
   * @default "Announcement"
   */
  announcement?: Text;
  /**
   * What a corner message without a title is called to screen readers.
   * @default "Message"
   */
  message?: Text;
  /**
   * The coupon's copy button, where the coupon has no label.
   * @default "Copy code"
   */
  copy?: Text;
  /**
   * Said once the coupon code is copied.
   * @default "Copied"
   */
  copied?: Text;
  /**
   * Said when the browser will not copy: {key} is ⌘ or Ctrl.
   * @default "Selected: press {key}+C to copy"
   */
  copyHint?: Text;
  /**
   * A countdown's days, before its hours, minutes and seconds.
   * @default "{n}d"
   */
  days?: Text;
  /**
   * A select field's empty first option.
   * @default "Choose…"
   */
  choose?: Text;
  /**
   * A required field left empty.
   * @default "This field is required"
   */
  required?: Text;
  /**
   * A required checkbox or consent left unticked.
   * @default "Please tick this box to continue"
   */
  tickRequired?: Text;
  /**
   * An email field or question that does not hold one.
   * @default "Enter an email address like name@example.com"
   */
  email?: Text;
  /**
   * A phone field that does not hold one.
   * @default "Enter a phone number with at least 6 digits"
   */
  phone?: Text;
  /**
   * A form that could not be sent.
   * @default "Something went wrong. Please try again."
   */
  failed?: Text;
  /**
   * A form's button, where its submit has no label.
   * @default "Submit"
   */
  submit?: Text;
  /**
   * Shown after a form is sent, where its submit has no successMessage.
   * @default "Thank you!"
   */
  success?: Text;
  /**
   * The button that opens a quiz from a bar, where the quiz has no start.
   * @default "Start the quiz"
   */
  start?: Text;
  /**
   * That button once the quiz is finished.
   * @default "See your result"
   */
  result?: Text;
  /**
   * A quiz's progress.
   * @default "Question {n} of {total}"
   */
  progress?: Text;
  /**
   * A quiz's button to the next question.
   * @default "Next"
   */
  next?: Text;
  /**
   * A quiz's button on its last question.
   * @default "Finish"
   */
  finish?: Text;
  /**
   * A quiz's button to the previous question.
   * @default "Back"
   */
  back?: Text;
  /**
   * A finished quiz's heading, where its result has no title.
   * @default "Thanks for your answers!"
   */
  thanks?: Text;
  /**
   * A required question left unanswered.
   * @default "Please answer this question"
   */
  answerRequired?: Text;
  /**
   * Too few choices on a multiple-choice question.
   * @default "Choose at least {n}"
   */
  chooseAtLeast?: Text;
  /**
   * Too many choices on a multiple-choice question.
   * @default "Choose at most {n}"
   */
  chooseAtMost?: Text;
  /**
   * A star of a rating question, as a screen reader reads it.
   * @default "{n} of 5 stars"
   */
  stars?: Text;
  /**
   * The low end of a 0–10 scale, where the question has no lowLabel.
   * @default "Not likely"
   */
  notLikely?: Text;
  /**
   * The high end of a 0–10 scale, where the question has no highLabel.
   * @default "Very likely"
   */
  veryLikely?: Text;
}

/**
 * A CSS color: #hex, a name, or rgb()/hsl()/hwb()/lab()/lch()/oklab()/oklch(); others are ignored with a warning.
 * @pattern ^\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|(([rR][gG][bB]|[hH][sS][lL])[aA]?|[hH][wW][bB]|([oO][kK])?([lL][aA][bB]|[lL][cC][hH]))\([\w\s.,%/+-]{1,60}\))\s*$
 * @examples ["#1d4ed8", "rebeccapurple", "rgb(29 78 216)", "oklch(55% 0.2 260)"]
 */
export type CssColor = string;

