/** The HTTP layers the api can run on while the A/B of issue 14 §4 decides between them. */
export type HttpAdapterName = 'express' | 'fastify';

const NAMES: readonly HttpAdapterName[] = ['express', 'fastify'];

/** HTTP_ADAPTER, checked at boot: a typo must stop the api, not silently pick a default. */
export function httpAdapterFrom(env: NodeJS.ProcessEnv): HttpAdapterName {
  const value = env.HTTP_ADAPTER;
  if (value === undefined || value === '') return 'express';
  if ((NAMES as readonly string[]).includes(value)) return value as HttpAdapterName;
  throw new Error(`HTTP_ADAPTER must be one of ${NAMES.join(', ')} (got a value of ${value.length} characters)`);
}
