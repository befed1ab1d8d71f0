// dist/beckon.schema.json, generated from sdk/core/configFile.ts: it accepts the configs
// the parsers accept, rejects plain mistakes the parsers also report, and carries
// descriptions and enums for editors. The parsers stay the judges of a config, so the
// schema must not drift from them: every object whose keys a parser checks has exactly
// those keys as properties, every list of names a parser accepts is the schema's enum,
// and the number ranges agree. The parsers are watched while they read a config that uses
// every key, and what they checked is compared with the schema at the same JSON path.
import Ajv from 'ajv';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { configSchema } from '../../scripts/configSchema.mjs';
import {
  CAMPAIGN_TYPES,
  FIELD_TYPES,
  MAX_TEXT,
  OPERATOR_NAMES,
  PAGE_TYPES,
  QUESTION_TYPES,
  Reader,
  STRINGS,
  TRIGGERS,
  compileCondition,
  parseCampaignSection,
  parseConfig,
  parseIntentConfig,
  parseQuizzes,
  parseRfmConfig,
  type Problem,
} from '../../sdk/core/index.js';
import { BAR_POSITIONS, CORNERS, INLINE_MODES } from '../../sdk/core/widgetTypes.js';

/** Every `checkKeys(raw, allowed, path)` the parsers make, with its arguments. */
const keyChecks = vi.hoisted(() => [] as { path: string; allowed: string[] }[]);
vi.mock(import('../../sdk/core/configReport.js'), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    checkKeys: (raw, allowed, path, report) => {
      keyChecks.push({ path, allowed: [...allowed] });
      original.checkKeys(raw, allowed, path, report);
    },
  };
});

const root = fileURLToPath(new URL('../..', import.meta.url));
const readJson = (file: string): unknown => JSON.parse(readFileSync(`${root}${file}`, 'utf8'));

interface SchemaNode {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode | SchemaNode[];
  anyOf?: SchemaNode[];
  enum?: unknown[];
  const?: unknown;
  required?: string[];
  description?: string;
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  definitions?: Record<string, SchemaNode>;
}

let schema: SchemaNode;
let validate: ReturnType<Ajv['compile']>;

beforeAll(() => {
  schema = configSchema() as SchemaNode;
  validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(schema);
}, 60_000);

const deref = (node: SchemaNode): SchemaNode => (node.$ref ? deref({ ...schema.definitions![node.$ref.replace('#/definitions/', '')]!, ...withoutRef(node) }) : node);
const withoutRef = ({ $ref: _ref, ...rest }: SchemaNode) => rest;
const definition = (name: string) => deref({ $ref: `#/definitions/${name}` });

/** What the schema says is wrong with a config, as `path keyword` lines. */
function schemaErrors(config: unknown): string[] {
  return validate(config) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.keyword}`);
}

/** Everything the parsers report about a config, as the CLI reads it. */
function parserProblems(raw: unknown): Problem[] {
  const parsed = parseConfig(raw);
  const { config } = parsed;
  const quizProblems: Problem[] = [];
  const quizzes = parseQuizzes(config, quizProblems);
  const sections = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  return [
    ...parsed.problems,
    ...quizProblems,
    ...parseCampaignSection(config, { valid: quizzes, all: config.quizzes }).problems,
    ...(sections.rfm !== undefined ? parseRfmConfig(sections.rfm).problems : []),
    ...(sections.intent !== undefined ? parseIntentConfig(sections.intent).problems : []),
  ];
}

/** A config that uses every key the parsers read, each object once at least. */
const EVERY_KEY = {
  $schema: './node_modules/beckon/dist/beckon.schema.json',
  version: 1,
  site: { currency: 'EUR', pages: { product: ['/products/*'], checkout: ['/checkout*'] } },
  consent: { required: true, respectGPC: true },
  lists: { vip: ['a@example.com'] },
  rfm: { recencyDays: [7, 30, 90, 180], frequency: [2, 3], monetary: [50] },
  intent: { buckets: { very_likely: 0.6, likely: 0.3 }, pageValues: { '/products/*': 12.5 } },
  theme: { colors: { background: '#ffffff', text: '#111827', accent: '#1d4ed8' }, radius: 8, font: 'Georgia, serif' },
  strings: Object.fromEntries(STRINGS.map((key) => [key, key])),
  segments: [
    { id: 'vip', name: 'VIP', description: 'On the VIP list', when: { 'traits.email': { $inGroup: 'vip' } } },
    {
      id: 'buyer',
      when: {
        $or: [{ 'cart.count': { $gt: 0 } }, { $not: { 'page.type': 'checkout' } }],
        $event: { name: 'purchase', within: '30d', where: { value: { $gte: 10 } }, count: { $gte: 1 } },
      },
    },
  ],
  quizzes: [
    {
      id: 'finder',
      name: 'Shoe finder',
      description: 'Asks about training',
      title: 'Find your shoe',
      body: 'Three **short** questions',
      start: 'Find my shoe',
      repeatAfterDays: 30,
      questions: [
        {
          id: 'sport',
          type: 'single',
          text: 'What do you train for?',
          help: 'Pick one',
          required: true,
          options: [
            { value: 'running', label: 'Running', next: 'terrain', traits: { runner: true } },
            { value: 'gym', label: 'Gym', next: 'look' },
          ],
        },
        {
          id: 'terrain',
          type: 'multiple',
          text: 'Where do you run?',
          min: 1,
          max: 2,
          options: [{ value: 'road' }, { value: 'trail' }, { value: 5 }],
          next: [{ when: { 'answers.finder.terrain': 'trail' }, to: 'look' }, { to: 'look' }],
        },
        { id: 'look', type: 'image', text: 'Which look?', options: [{ value: 'bold', label: 'Bold', image: { src: '/bold.png', alt: 'A red shoe' } }, { value: 'calm', image: { src: '/calm.png', alt: '' } }] },
        { id: 'score', type: 'rating', text: 'How likely are you to recommend us?', required: false, scale: 'nps', lowLabel: 'Not likely', highLabel: 'Very likely' },
        { id: 'why', type: 'text', text: 'Why?', required: false, maxLength: 300, next: 'mail' },
        { id: 'mail', type: 'email', text: 'Your email?', required: false },
      ],
      results: [
        { when: { 'answers.finder.sport': 'running' }, title: 'Try the Swift', body: 'Light and *fast*', image: { src: '/swift.png', alt: 'The Swift' }, cta: { label: 'See it', href: '/products/swift' } },
        { title: 'Thanks' },
      ],
    },
  ],
  campaigns: [
    {
      id: 'rescue',
      name: 'Cart rescue',
      description: 'Exit intent on carts',
      type: 'popup',
      priority: 10,
      audience: { segments: { $in: ['buyer'] } },
      pages: { include: ['/**'], exclude: ['/checkout*'] },
      trigger: { on: 'delay', seconds: 5 },
      frequency: { maxImpressions: 3, maxPerSession: 1, cooldownHours: 72, stopAfterConversion: true },
      schedule: { start: '2026-11-01T00:00:00Z', end: '2026-12-31T23:59:59Z', days: [1, 2, 3, 4, 5], hours: [9, 17] },
      holdout: 10,
      goal: { event: 'purchase', within: '7d' },
      theme: { colors: { accent: 'rebeccapurple', text: 'oklch(20% 0.02 260)' }, radius: 4 },
      strings: { close: 'Schließen' },
      variants: [
        {
          id: 'a',
          name: 'Reminder',
          weight: 50,
          content: {
            kind: 'message',
            title: 'Still thinking, {{traits.firstName|there}}?',
            body: 'Your cart is saved. [See it](/cart)',
            image: { src: '/cart.png', alt: '' },
            cta: { label: 'Back to cart', href: '/cart' },
            secondary: { label: 'Not now' },
            countdown: { until: '2026-12-31T23:59:59Z', label: 'Ends in' },
            coupon: { code: 'WELCOME10', label: 'Your code' },
          },
        },
        {
          id: 'b',
          weight: 50,
          content: {
            kind: 'form',
            title: 'Join us',
            body: 'News once a month',
            fields: [
              { name: 'email', type: 'email', label: 'Email', required: true, remember: true },
              { name: 'size', type: 'select', label: 'Size', options: [{ value: 's', label: 'Small' }, { value: 'l' }] },
              { name: 'agree', type: 'consent', label: 'I agree' },
            ],
            submit: { label: 'Join', endpoint: '/collect', successMessage: 'Welcome!', unlock: '#members' },
          },
        },
      ],
    },
    { id: 'finder-bar', type: 'bar', placement: { position: 'bottom' }, trigger: { on: 'scroll', percent: 40 }, content: { kind: 'quiz', quiz: 'finder' } },
    { id: 'corner', type: 'message', placement: { position: 'top-left' }, trigger: { on: 'pageviews', count: 3 }, content: { kind: 'message', title: 'Hello' } },
    { id: 'slot', type: 'inline', placement: { target: '#slot', mode: 'prepend' }, trigger: { on: 'click', selector: '#open' }, content: { kind: 'message', body: 'Inline' } },
    { id: 'added', type: 'popup', trigger: { on: 'event', name: 'add_to_cart' }, content: { kind: 'message', title: 'Added' } },
    { id: 'idle', type: 'bar', trigger: { on: 'idle', seconds: 30 }, content: { kind: 'message', title: 'Still there?' } },
    { id: 'leaving', type: 'popup', trigger: { on: 'exit' }, content: { kind: 'message', title: 'Leaving?' } },
  ],
};

const VALID_FIXTURES = [
  'demo-site/beckon.config.json',
  'test/unit/fixtures/valid.config.json',
  'test/unit/fixtures/segments-equality.config.json',
  ...readdirSync(`${root}test/e2e/fixtures/campaigns`)
    // invalid*.json hold a mistake on purpose (the debug panel shows it as skipped).
    .filter((name) => name.endsWith('.json') && !name.startsWith('invalid'))
    .map((name) => `test/e2e/fixtures/campaigns/${name}`),
];

describe('config schema: what it accepts', () => {
  it.each(VALID_FIXTURES)('accepts %s', (file) => {
    const config = readJson(file);
    expect(parserProblems(config).filter((p) => p.severity === 'error')).toEqual([]);
    expect(schemaErrors(config)).toEqual([]);
  });

  it('accepts a config that uses every key, which the parsers read without a problem', () => {
    expect(parserProblems(EVERY_KEY)).toEqual([]);
    expect(schemaErrors(EVERY_KEY)).toEqual([]);
  });

  it('accepts a version compared with a number, which the condition compiler reads as its digits', () => {
    const config = { version: 1, segments: [{ id: 'new-app', when: { 'traits.appVersion': { $vgte: 2, $vlt: '3.0.0' } } }] };
    expect(parserProblems(config)).toEqual([]);
    expect(schemaErrors(config)).toEqual([]);
    expect(compileCondition(config.segments[0]!.when)({ traits: { appVersion: '2.1.0' } })).toBe(true);
  });

  it('accepts what only reading the whole config can fault: a quiz branching to a missing question', () => {
    const config = readJson('test/unit/fixtures/quiz.config.json');
    expect(parserProblems(config).map((p) => p.path)).toEqual(['quizzes[0].questions[0].options[1].next', 'campaigns[0].content.quiz']);
    expect(schemaErrors(config)).toEqual([]);
  });
});

describe('config schema: what it rejects', () => {
  const campaign = { id: 'c', type: 'popup', content: { kind: 'message', title: 'Hi' } };
  const quiz = { id: 'q', questions: [{ id: 'a', type: 'single', text: 'Pick', options: [{ value: 'x' }, { value: 'y' }] }] };
  // [mistake, config, what the schema says (instance path and keyword), the parsers' path]
  it.each<[string, unknown, string, string]>([
    ['an unknown campaign type', { campaigns: [{ ...campaign, type: 'modal' }] }, '/campaigns/0/type enum', 'campaigns[0].type'],
    ['a question of an unknown type', { quizzes: [{ ...quiz, questions: [{ ...quiz.questions[0], type: 'slider' }] }] }, '/quizzes/0/questions/0/type enum', 'quizzes[0].questions[0].type'],
    ['an unknown top-level section', { segmentz: [] }, '/ additionalProperties', 'segmentz'],
    ['another config version', { version: 2 }, '/version const', 'version'],
    ['an unknown trigger', { campaigns: [{ ...campaign, trigger: { on: 'hover' } }] }, '/campaigns/0/trigger/on enum', 'campaigns[0].trigger.on'],
    ['a misspelled trigger key', { campaigns: [{ ...campaign, trigger: { on: 'delay', second: 5 } }] }, '/campaigns/0/trigger additionalProperties', 'campaigns[0].trigger.second'],
    ['an unknown content kind', { campaigns: [{ ...campaign, content: { kind: 'video' } }] }, '/campaigns/0/content/kind const', 'campaigns[0].content.kind'],
    ['a misspelled operator', { segments: [{ id: 's', when: { 'cart.count': { $gtt: 0 } } }] }, '/segments/0/when/cart.count additionalProperties', 'segments[0].when.cart.count.$gtt'],
    ['an unknown $event key', { segments: [{ id: 's', when: { $event: { name: 'purchase', since: '7d' } } }] }, '/segments/0/when/$event additionalProperties', 'segments[0].when.$event.since'],
    ['a segment without a condition', { segments: [{ id: 's' }] }, '/segments/0 required', 'segments[0].when'],
    ['an id with a space', { campaigns: [{ ...campaign, id: 'cart rescue' }] }, '/campaigns/0/id pattern', 'campaigns[0].id'],
    ['a holdout of 100 percent', { campaigns: [{ ...campaign, holdout: 100 }] }, '/campaigns/0/holdout maximum', 'campaigns[0].holdout'],
    ['an unknown page type', { site: { pages: { blog: ['/blog/*'] } } }, '/site/pages additionalProperties', 'site.pages.blog'],
    ['a duration without a unit', { campaigns: [{ ...campaign, goal: { event: 'purchase', within: '7' } }] }, '/campaigns/0/goal/within pattern', 'campaigns[0].goal.within'],
    ['a config that is a list', [], '/ type', '(root)'],
    ['a click trigger without a selector', { campaigns: [{ ...campaign, trigger: { on: 'click' } }] }, '/campaigns/0/trigger required', 'campaigns[0].trigger.selector'],
    ['an event trigger without a name', { campaigns: [{ ...campaign, trigger: { on: 'event' } }] }, '/campaigns/0/trigger required', 'campaigns[0].trigger.name'],
    ['a pageviews trigger without a count', { campaigns: [{ ...campaign, trigger: { on: 'pageviews' } }] }, '/campaigns/0/trigger required', 'campaigns[0].trigger.count'],
    ['an idle trigger without seconds', { campaigns: [{ ...campaign, trigger: { on: 'idle' } }] }, '/campaigns/0/trigger required', 'campaigns[0].trigger.seconds'],
    ['an inline campaign without a placement', { campaigns: [{ ...campaign, type: 'inline' }] }, '/campaigns/0 required', 'campaigns[0].placement.target'],
    ['an inline campaign without a target', { campaigns: [{ ...campaign, type: 'inline', placement: { mode: 'replace' } }] }, '/campaigns/0/placement required', 'campaigns[0].placement.target'],
    ['a date with a space for its T', { campaigns: [{ ...campaign, schedule: { start: '2026-12-01 09:00' } }] }, '/campaigns/0/schedule/start pattern', 'campaigns[0].schedule.start'],
    ['an idle trigger whose seconds are null', { campaigns: [{ ...campaign, trigger: { on: 'idle', seconds: null } }] }, '/campaigns/0/trigger/seconds type', 'campaigns[0].trigger.seconds'],
    ['a scroll trigger whose percent is null', { campaigns: [{ ...campaign, trigger: { on: 'scroll', percent: null } }] }, '/campaigns/0/trigger/percent type', 'campaigns[0].trigger.percent'],
    ['a variant whose weight is null', { campaigns: [{ id: 'c', type: 'popup', variants: [{ id: 'a', weight: null, content: campaign.content }] }] }, '/campaigns/0/variants/0/weight type', 'campaigns[0].variants[0].weight'],
    ['a color that is not one', { theme: { colors: { accent: 'x' } } }, '/theme/colors/accent pattern', 'theme.colors.accent'],
    ['a date in another order', { campaigns: [{ ...campaign, content: { kind: 'message', title: 'x', countdown: { until: '12/31/2026' } } }] }, '/campaigns/0/content/countdown/until pattern', 'campaigns[0].content.countdown.until'],
    ['a campaign with neither content nor variants', { campaigns: [{ id: 'c', type: 'popup' }] }, '/campaigns/0 anyOf', 'campaigns[0].content'],
    ['a bar in a corner', { campaigns: [{ ...campaign, type: 'bar', placement: { position: 'bottom-right' } }] }, '/campaigns/0/placement/position enum', 'campaigns[0].placement.position'],
    ['a corner message at the top edge', { campaigns: [{ ...campaign, type: 'message', placement: { position: 'top' } }] }, '/campaigns/0/placement/position enum', 'campaigns[0].placement.position'],
    ['a select without options', { campaigns: [{ ...campaign, content: { kind: 'form', fields: [{ name: 'size', type: 'select', label: 'Size' }] } }] }, '/campaigns/0/content/fields/0 required', 'campaigns[0].content.fields[0].options'],
    ['a select with no options', { campaigns: [{ ...campaign, content: { kind: 'form', fields: [{ name: 'size', type: 'select', label: 'Size', options: [] }] } }] }, '/campaigns/0/content/fields/0/options minItems', 'campaigns[0].content.fields[0].options'],
    ['an idle trigger under a second', { campaigns: [{ ...campaign, trigger: { on: 'idle', seconds: 0.5 } }] }, '/campaigns/0/trigger/seconds minimum', 'campaigns[0].trigger.seconds'],
    ['hours that end where they start', { campaigns: [{ ...campaign, schedule: { hours: [9, 9] } }] }, '/campaigns/0/schedule/hours not', 'campaigns[0].schedule.hours'],
    ['hours that start at 24', { campaigns: [{ ...campaign, schedule: { hours: [24, 6] } }] }, '/campaigns/0/schedule/hours/0 maximum', 'campaigns[0].schedule.hours'],
    ['a variant weight past a million', { campaigns: [{ id: 'c', type: 'popup', variants: [{ id: 'a', weight: 1e308, content: campaign.content }, { id: 'b', weight: 1e308, content: campaign.content }] }] }, '/campaigns/0/variants/0/weight maximum', 'campaigns[0].variants[0].weight'],
    ['a field named constructor', { campaigns: [{ ...campaign, content: { kind: 'form', fields: [{ name: 'constructor', type: 'text', label: 'C' }] } }] }, '/campaigns/0/content/fields/0/name pattern', 'campaigns[0].content.fields[0].name'],
    ['a list named constructor', { lists: { constructor: ['a'] } }, '/lists propertyNames', 'lists.constructor'],
    ['a trait named prototype', { quizzes: [{ ...quiz, questions: [{ ...quiz.questions[0], options: [{ value: 'x', traits: { prototype: 1 } }, { value: 'y' }] }] }] }, '/quizzes/0/questions/0/options/0/traits propertyNames', 'quizzes[0].questions[0].options[0].traits.prototype'],
  ])('rejects %s, as the parsers do', (_mistake, config, error, path) => {
    expect(schemaErrors(config)).toContain(error);
    expect(parserProblems(config).map((p) => p.path)).toContain(path);
  });

  it('rejects the e2e fixture of mistakes', () => {
    expect(schemaErrors(readJson('test/e2e/fixtures/campaigns/invalid.json'))).toContain('/campaigns/1/type enum');
  });
});

describe('config schema: for editors', () => {
  it('is draft-07, named, and says where it comes from', () => {
    expect(schema).toMatchObject({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'beckon.config.json', $ref: '#/definitions/ConfigFile' });
    expect((schema as { $comment?: string }).$comment).toContain('sdk/core/configFile.ts');
  });

  it('offers the parsers own names as enums', () => {
    const property = (name: string, key: string) => deref(definition(name).properties![key]!);
    expect(property('CampaignConfig', 'type').enum).toEqual([...CAMPAIGN_TYPES]);
    expect(property('TriggerConfig', 'on').enum).toEqual([...TRIGGERS]);
    expect(property('QuestionConfig', 'type').enum).toEqual([...QUESTION_TYPES]);
    expect(property('FormFieldConfig', 'type').enum).toEqual([...FIELD_TYPES]);
    expect(property('PlacementConfig', 'mode').enum).toEqual([...INLINE_MODES]);
    expect(property('PlacementConfig', 'position').anyOf!.flatMap((n) => deref(n).enum)).toEqual([...BAR_POSITIONS, ...CORNERS]);
    expect(Object.keys(property('SiteConfig', 'pages').properties!)).toEqual([...PAGE_TYPES]);
    expect(definition('ContentConfig').anyOf!.map((n) => deref(n).properties!.kind!.const)).toEqual(['message', 'form', 'quiz']);
  });

  it('lists every condition operator compileCondition knows, and only those', () => {
    expect(Object.keys(definition('Operators').properties!).sort()).toEqual([...OPERATOR_NAMES].sort());
    expect(definition('Operators').additionalProperties).toBe(false);
  });

  it('describes every property', () => {
    const undescribed: string[] = [];
    const visit = (node: SchemaNode, where: string) => {
      for (const [key, child] of Object.entries(node.properties ?? {})) {
        if (!child.description && !deref(child).description) undescribed.push(`${where}.${key}`);
        if (child.properties) visit(child, `${where}.${key}`);
      }
    };
    for (const [name, node] of Object.entries(schema.definitions!)) visit(node, name);
    expect(undescribed).toEqual([]);
  });

  it('gives examples or defaults to the fields a marketer fills in first', () => {
    const annotated = (name: string, key: string) => {
      const node = definition(name).properties![key]!;
      return 'examples' in node || 'default' in node || 'examples' in deref(node) || 'enum' in deref(node);
    };
    const fields: [string, string][] = [
      ['SegmentConfig', 'id'],
      ['SegmentConfig', 'when'],
      ['CampaignConfig', 'audience'],
      ['CampaignConfig', 'priority'],
      ['TriggerConfig', 'on'],
      ['FrequencyConfig', 'cooldownHours'],
      ['GoalConfig', 'within'],
      ['SiteConfig', 'currency'],
      ['MessageContentConfig', 'body'],
    ];
    expect(fields.filter(([name, key]) => !annotated(name, key))).toEqual([]);
  });
});

// -- Drift between the parsers and the schema --------------------------------------------

type Segment = string | number;

/** `campaigns[0].trigger.on` → ['campaigns', 0, 'trigger', 'on']. */
function segmentsOf(path: string): Segment[] {
  return [...path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((m) => (m[2] !== undefined ? Number(m[2]) : m[1]!));
}

const jsonType = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/** The branches of a node that fit a value: by JSON type, and by each `const` property. */
function fitting(node: SchemaNode, value: unknown): SchemaNode[] {
  const resolved = deref(node);
  if (!resolved.anyOf) return [resolved];
  const branches = resolved.anyOf.flatMap((branch) => fitting(branch, value));
  if (value === undefined) return branches;
  return branches.filter((branch) => {
    const types = [branch.type ?? (branch.properties ? 'object' : [])].flat();
    if (types.length > 0 && !types.some((t) => t === jsonType(value) || (t === 'integer' && typeof value === 'number'))) return false;
    return Object.entries(branch.properties ?? {}).every(([key, child]) => !('const' in child) || (value as Record<string, unknown>)[key] === child.const);
  });
}

function only(nodes: SchemaNode[], path: string): SchemaNode {
  if (nodes.length !== 1) throw new Error(`${path}: ${nodes.length} schema branches fit`);
  return nodes[0]!;
}

/** The schema node at a JSON path of `config`, picking the union branch that fits each value on the way. */
function schemaAt(path: string, config: unknown): SchemaNode {
  let node = only(fitting(schema, config), '(root)');
  let value = config;
  for (const segment of segmentsOf(path)) {
    value = (value as Record<Segment, unknown>)[segment];
    const child = typeof segment === 'number' ? node.items : (node.properties?.[segment] ?? node.additionalProperties);
    if (!child || typeof child === 'boolean' || Array.isArray(child)) throw new Error(`${path}: the schema has no ${segment}`);
    node = only(fitting(child, value), path);
  }
  return node;
}

/** The values the schema allows at a path: the enum, or each branch's `const` where the parent is a union told apart by this key. */
function namesAt(path: string, config: unknown): unknown[] {
  const cut = path.lastIndexOf('.');
  const key = path.slice(cut + 1);
  const holders = cut > 0 ? schemaAtParent(path.slice(0, cut), config) : [deref(schema)];
  return holders.flatMap((holder) => {
    const node = deref(holder.properties?.[key] ?? {});
    return node.enum ?? ('const' in node ? [node.const] : (node.anyOf ?? []).flatMap((n) => deref(n).enum ?? []));
  });
}

/** Every branch of the schema at a path, without choosing by the value's own `const` keys. */
function schemaAtParent(path: string, config: unknown): SchemaNode[] {
  const segments = segmentsOf(path);
  const last = segments.pop()!;
  const upPath = segments.map((s) => (typeof s === 'number' ? `[${s}]` : `.${s}`)).join('').replace(/^\./, '');
  const up = upPath ? schemaAt(upPath, config) : deref(schema);
  const child = typeof last === 'number' ? up.items : (up.properties?.[last] ?? up.additionalProperties);
  const resolved = deref(child as SchemaNode);
  return resolved.anyOf ? resolved.anyOf.map(deref) : [resolved];
}

/** Every object node of the schema that refuses unknown keys, with where it is. */
function strictObjects(): Map<SchemaNode, string> {
  const found = new Map<SchemaNode, string>();
  const visit = (node: SchemaNode, where: string) => {
    if (node.additionalProperties === false) found.set(node, where);
    for (const [key, child] of Object.entries(node.properties ?? {})) visit(child, `${where}.${key}`);
    if (node.items && !Array.isArray(node.items)) visit(node.items, `${where}[]`);
  };
  for (const [name, node] of Object.entries(schema.definitions!)) visit(node, name);
  return found;
}

describe('config schema: no drift from the parsers', () => {
  let oneOfCalls: { path: string; allowed: string[] }[];
  let numberCalls: { path: string; min: number; max: number; integer: boolean }[];
  let textCalls: string[];

  beforeAll(() => {
    keyChecks.length = 0;
    const oneOf = vi.spyOn(Reader.prototype, 'oneOf');
    const number = vi.spyOn(Reader.prototype, 'number');
    const text = vi.spyOn(Reader.prototype, 'text');
    expect(parserProblems(EVERY_KEY)).toEqual([]);
    const pathOf = (spy: { mock: { contexts: unknown[] } }, i: number, at: string) => `${(spy.mock.contexts[i] as Reader).path}${at}`;
    oneOfCalls = oneOf.mock.calls.map(([, at, allowed], i) => ({ path: pathOf(oneOf, i, at), allowed: [...allowed] }));
    numberCalls = number.mock.calls.map(([, at, min, max = Infinity, integer = false], i) => ({ path: pathOf(number, i, at), min, max, integer }));
    textCalls = text.mock.calls.map(([, at], i) => pathOf(text, i, at));
    vi.restoreAllMocks();
  });

  it('has exactly the keys each parser accepts, and refuses the rest where the parser reports them', () => {
    const mismatches = keyChecks.flatMap(({ path, allowed }) => {
      const node = schemaAt(path, EVERY_KEY);
      const properties = Object.keys(node.properties ?? {}).sort();
      return JSON.stringify(properties) === JSON.stringify([...allowed].sort()) && node.additionalProperties === false
        ? []
        : [`${path || '(root)'}: parser ${[...allowed].sort().join(' ')} | schema ${properties.join(' ')}${node.additionalProperties === false ? '' : ' (open)'}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('refuses unknown keys only where a parser checks them', () => {
    const checked = new Set(keyChecks.map(({ path }) => schemaAt(path, EVERY_KEY).properties));
    // Checked otherwise: page types against PAGE_TYPES, operators against OPERATOR_NAMES
    // (both above), and $event's keys by compileCondition (below).
    const elsewhere = ['SiteConfig.pages', 'Operators', 'EventCondition'];
    const unchecked = [...strictObjects()].filter(([node]) => !checked.has(node.properties)).map(([, where]) => where);
    expect(unchecked.filter((where) => !elsewhere.includes(where))).toEqual([]);
  });

  it('offers exactly the names each parser accepts', () => {
    const byPath = new Map<string, Set<string>>();
    for (const { path, allowed } of oneOfCalls) {
      const key = path.replace(/\[\d+\]/g, '[]');
      byPath.set(key, new Set([...(byPath.get(key) ?? []), ...allowed]));
    }
    const mismatches = [...byPath].flatMap(([key, allowed]) => {
      const path = oneOfCalls.find((c) => c.path.replace(/\[\d+\]/g, '[]') === key)!.path;
      const names = namesAt(path, EVERY_KEY);
      return JSON.stringify([...names].sort()) === JSON.stringify([...allowed].sort()) ? [] : [`${key}: parser ${[...allowed].join(' ')} | schema ${names.join(' ')}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('has the number ranges the parsers check', () => {
    // Bounds that depend on another field: the schema states the loosest, the parser the rest.
    const dependent: Record<string, string> = {
      'quizzes[].questions[].min': 'at most the number of options',
      'quizzes[].questions[].max': 'at most the number of options',
      'campaigns[].trigger.seconds': 'idle needs at least 1',
    };
    const mismatches = numberCalls.flatMap(({ path, min, max, integer }) => {
      const key = path.replace(/\[\d+\]/g, '[]');
      const node = schemaAt(path, EVERY_KEY);
      const schemaMax = node.maximum ?? Infinity;
      const schemaMin = node.minimum ?? -Infinity;
      const agrees = key in dependent ? schemaMin <= min && schemaMax >= max : schemaMin === min && schemaMax === max;
      return agrees && (node.type === 'integer') === integer ? [] : [`${key}: parser ${min}…${max}${integer ? ' whole' : ''} | schema ${schemaMin}…${schemaMax} ${node.type}`];
    });
    expect(mismatches).toEqual([]);
  });

  it('limits text to the length the parsers accept', () => {
    const mismatches = textCalls.filter((path) => schemaAt(path, EVERY_KEY).maxLength !== MAX_TEXT);
    expect(mismatches).toEqual([]);
  });

  it('lists the keys compileCondition reads in $event, and the condition keys that are not paths', () => {
    const event = definition('EventCondition');
    const problemsOf = (condition: unknown) => {
      const problems: Problem[] = [];
      compileCondition(condition, { problems });
      return problems.map((p) => p.path);
    };
    const full = Object.fromEntries(Object.keys(event.properties!).map((key) => [key, { name: 'purchase', within: '7d', where: {}, count: 1 }[key]]));
    expect(problemsOf({ $event: full })).toEqual([]);
    expect(problemsOf({ $event: { ...full, since: '7d' } })).toEqual(['$event.since']);
    // Each named key of a condition is read as a combinator (a wrong value is an error);
    // any other key, "$"-prefixed or not, is a profile path.
    const named = Object.keys(definition('Condition').properties!);
    expect(named).toEqual(['$and', '$or', '$nor', '$not', '$event']);
    expect(named.filter((key) => problemsOf({ [key]: 5 }).length === 0)).toEqual([]);
    expect(problemsOf({ $other: 5, 'cart.count': 5 })).toEqual([]);
  });
});
