import { writeFile } from 'node:fs/promises';
import { CONSOLE_SCHEMA_FILE, consoleApiTypes } from './lib/api-contract';

/** `npm run generate:api`: rewrites the console's types from the OpenAPI document. */
await writeFile(CONSOLE_SCHEMA_FILE, await consoleApiTypes());
console.log(`wrote ${CONSOLE_SCHEMA_FILE}`);
