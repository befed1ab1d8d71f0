// dist/beckon.schema.json: the JSON Schema of beckon.config.json, generated from the types
// in sdk/core/configFile.ts so editors autocomplete and check a config as it is typed.
// The build writes it (esbuild.config.mjs); test/unit/schema.test.ts generates it the same
// way and checks it against the parsers. ts-json-schema-generator is held at 2.4: later
// versions ask for Node 22, and the package supports Node 20.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tsj from 'ts-json-schema-generator';
import ts from 'typescript';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const CONFIG_TYPES = 'sdk/core/configFile.ts';

const generatorConfig = {
  ...tsj.DEFAULT_CONFIG,
  path: path.join(root, CONFIG_TYPES),
  type: 'ConfigFile',
  // Keeps the order of the source, so an editor offers `id` and `type` first.
  sortProps: false,
  // `not` marks the condition value that is an object but not one of operators.
  extraTags: ['not', 'propertyNames'],
  // tsc checks these types with the rest of the project (`npm run typecheck`).
  skipTypeCheck: true,
};

/**
 * What the types cannot say, as draft-07 `if`/`then` (which editors read): the field a
 * trigger needs once `on` names it, an inline campaign's target, a select's options, and
 * (required: none) the positions a bar or a message takes. The parsers refuse the same
 * configs (test/unit/schema.test.ts).
 */
const REQUIRED_WHEN = [
  ['TriggerConfig', 'on', 'click', { selector: {} }],
  ['TriggerConfig', 'on', 'event', { name: {} }],
  ['TriggerConfig', 'on', 'pageviews', { count: {} }],
  ['TriggerConfig', 'on', 'idle', { seconds: { type: 'number', minimum: 1 } }],
  ['CampaignConfig', 'type', 'inline', { placement: { type: 'object', properties: { target: {} }, required: ['target'] } }],
  ['CampaignConfig', 'type', 'bar', { placement: { type: 'object', properties: { position: { $ref: '#/definitions/BarPosition' } } } }, []],
  ['CampaignConfig', 'type', 'message', { placement: { type: 'object', properties: { position: { $ref: '#/definitions/Corner' } } } }, []],
  ['FormFieldConfig', 'type', 'select', { options: { type: 'array', minItems: 1 } }],
];

/** Objects that need one of these keys at least: a campaign shows its `content` or its `variants`. */
const ONE_OF = [['CampaignConfig', ['content', 'variants']]];

/** Adds REQUIRED_WHEN and ONE_OF to the definitions: `then` requires the properties it lists (unless told otherwise), as they are described there. */
function addConditions(definitions) {
  const named = (name, key) => {
    const definition = definitions[name];
    if (!definition?.properties?.[key]) throw new Error(`configSchema: ${name} has no property "${key}"`);
    return definition;
  };
  for (const [name, key, value, properties, required = Object.keys(properties)] of REQUIRED_WHEN) {
    const then = { properties, ...(required.length > 0 && { required }) };
    (named(name, key).allOf ??= []).push({ if: { properties: { [key]: { const: value } }, required: [key] }, then });
  }
  for (const [name, keys] of ONE_OF) (named(name, keys[0]).allOf ??= []).push({ anyOf: keys.map((key) => ({ properties: { [key]: {} }, required: [key] })) });
  // A span of hours that starts where it ends is no span: every pair [h, h], listed.
  named('ScheduleConfig', 'hours').properties.hours.not = { enum: Array.from({ length: 25 }, (_, h) => [h, h]) };
}

/**
 * The schema as an object, draft-07 (what ts-json-schema-generator writes, and what VS
 * Code's JSON language service reads in full).
 */
export function configSchema() {
  // The project's compiler options without the DOM and Node typings, which the config
  // types never use: the program builds in about a second instead of eight.
  const { config } = ts.readConfigFile(path.join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, root);
  const program = ts.createProgram([generatorConfig.path], { ...options, lib: ['lib.es2022.d.ts'], types: [], noEmit: true });
  const generator = new tsj.SchemaGenerator(program, tsj.createParser(program, generatorConfig), tsj.createFormatter(generatorConfig), generatorConfig);
  const { $schema, ...schema } = generator.createSchema(generatorConfig.type);
  addConditions(schema.definitions);
  return {
    $schema,
    $comment: `Generated from ${CONFIG_TYPES} by \`npm run build\`; edit the types, not this file.`,
    title: 'beckon.config.json',
    ...schema,
  };
}

export function writeConfigSchema(file) {
  writeFileSync(file, `${JSON.stringify(configSchema(), null, 2)}\n`);
}
