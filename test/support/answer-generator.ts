/** The answer generator lives with the demo data (product code must not import from test/). */
export * from '../../server/demo/answer-generator.ts';
