import fastify, { type RouteOptions } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * Until the returned function is called, every Fastify instance gets an onRoute hook the moment
 * Nest's adapter creates it (through `fastify.fastify`), so `into` receives every route the app
 * registers: the controllers', the plugins' and those createApi adds itself (Swagger UI's).
 */
export function recordRoutes(into: RegisteredRoute[]): () => void {
  const create = fastify.fastify;
  const spy = jest.spyOn(fastify, 'fastify').mockImplementation(((options?: Parameters<typeof create>[0]) => {
    const instance = create(options);
    instance.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) into.push({ method: method.toLowerCase(), url: route.url });
    });
    return instance;
  }) as typeof create);
  return () => spy.mockRestore();
}
