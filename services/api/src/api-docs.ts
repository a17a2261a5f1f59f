import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';

/**
 * Routes declare their schemas in zod: the same schema validates a request, serialises the answer
 * and describes both in the OpenAPI 3.1 document at /openapi.json, browsable at /docs (served from
 * this server, no CDN). Register before the routes: the document lists the routes declared after it.
 */
export async function registerApiDocs(app: FastifyInstance, publicUrl: string): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'docketwatch',
        description:
          'Court-docket monitoring: matters and their merged timelines, sources and their health, subscriptions. ' +
          'Errors are RFC 9457 problem details (application/problem+json) with a stable `code`.',
        version: '0.1.0',
      },
      servers: [{ url: publicUrl }],
      components: { securitySchemes: { apiToken: { type: 'http', scheme: 'bearer', description: 'docketwatch token create NAME' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
