// The ajv options of the topology validator: shared by the runtime fallback and the build-time standalone code.

/** Passed to `new Ajv()`; scripts/build-assets.js generates dist/schema/topology-validator.cjs with the same. */
export const ajvOptions = { allErrors: true, strict: true, allowUnionTypes: true, verbose: true } as const;
