/** The path of the types the schema is generated from. */
export declare const CONFIG_TYPES: string;
/** dist/beckon.schema.json's content, generated from sdk/core/configFile.ts. */
export declare function configSchema(): Record<string, unknown>;
export declare function writeConfigSchema(file: string): void;
